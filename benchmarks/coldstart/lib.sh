# Shared by the cold-start benchmark scripts: source it, then call what you need.

# JAVA_HOME: kept if set, else the Temurin 25 JDK when there is one.
pick_jdk() {
  if [ -z "${JAVA_HOME:-}" ]; then
    for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-*; do
      [ -x "$jdk/bin/java" ] && export JAVA_HOME="$jdk" && break
    done
  fi
  return 0
}

# A TCP port nothing listens on now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits (up to 10 s) until the URL answers at all.
wait_for() {
  for _ in $(seq 1 100); do
    curl -sk -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "nothing answers at $1" >&2
  return 1
}

require_moto() {
  command -v moto_server > /dev/null || { echo "moto_server is not on PATH (pip install 'moto[server]')" >&2; exit 1; }
}
