package dev.brisk.runtime.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads tar streams (plain or gzip), as image tarballs and their layers are written: ustar, GNU long names, PAX paths;
 * files, folders, symbolic and hard links; OCI whiteouts (a layer deleting what a lower one wrote).
 */
final class Tar {

    private Tar() {
    }

    /** Extracts a tar stream into dir; returns the entry names, in order. */
    static List<String> extract(InputStream raw, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        Files.createDirectories(dir);
        try (InputStream in = maybeGzip(new BufferedInputStream(raw, 1 << 16))) {
            byte[] header = new byte[512];
            String longName = null;
            String longLink = null;
            while (readFully(in, header)) {
                if (header[0] == 0) {
                    break;
                }
                String name = longName != null ? longName : path(header);
                String link = longLink != null ? longLink : string(header, 157, 100);
                longName = null;
                longLink = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (type == 'L' || type == 'K' || type == 'x') {
                    String data = new String(read(in, size), StandardCharsets.UTF_8);
                    if (type == 'L') {
                        longName = data.replace("\0", "");
                    } else if (type == 'K') {
                        longLink = data.replace("\0", "");
                    } else {
                        longName = pax(data, "path");
                        longLink = pax(data, "linkpath");
                    }
                    continue;
                }
                if (type == 'g') {
                    read(in, size);
                    continue;
                }
                names.add(name);
                int mode = (int) octal(header, 100, 8);
                long mtime = octal(header, 136, 12);
                Path target = safe(dir, name);
                String file = target.getFileName() == null ? "" : target.getFileName().toString();
                if (file.startsWith(".wh.")) {
                    if (file.equals(".wh..wh..opq")) {
                        deleteTree(target.getParent());
                        Files.createDirectories(target.getParent());
                    } else {
                        deleteTree(target.resolveSibling(file.substring(4)));
                    }
                    skip(in, size + (512 - size % 512) % 512);
                    continue;
                }
                switch (type) {
                    case '5' -> {
                        Files.createDirectories(target);
                        permissions(target, mode | 0200);
                    }
                    case '2' -> {
                        Files.createDirectories(target.getParent());
                        deleteTree(target);
                        Files.createSymbolicLink(target, Path.of(link));
                    }
                    case '1' -> {
                        Files.createDirectories(target.getParent());
                        deleteTree(target);
                        Files.copy(safe(dir, link), target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                    case '0', '\0', '7' -> {
                        Files.createDirectories(target.getParent());
                        if (Files.isSymbolicLink(target)) {
                            Files.delete(target);
                        }
                        try (var out = Files.newOutputStream(target)) {
                            copy(in, out, size);
                        }
                        permissions(target, mode | 0200);
                        Files.setLastModifiedTime(target, FileTime.from(mtime, TimeUnit.SECONDS));
                    }
                    default -> skip(in, size); // devices and fifos: not needed to run a JVM
                }
                skip(in, (512 - size % 512) % 512);
            }
        }
        return names;
    }

    private static InputStream maybeGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static Path safe(Path dir, String name) {
        Path target = dir.resolve(name.startsWith("/") ? name.substring(1) : name).normalize();
        if (!target.startsWith(dir.normalize())) {
            throw new ImageException("tar entry outside the root: " + name);
        }
        return target;
    }

    private static String path(byte[] h) {
        String name = string(h, 0, 100);
        String prefix = string(h, 345, 155);
        return prefix.isEmpty() || !"ustar".equals(string(h, 257, 5)) ? name : prefix + "/" + name;
    }

    private static String pax(String data, String key) {
        for (String line : data.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.startsWith(key + "=", sp + 1)) {
                return line.substring(sp + 2 + key.length());
            }
        }
        return null;
    }

    private static String string(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len) {
        if ((h[off] & 0x80) != 0) { // base-256
            long v = 0;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String s = string(h, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    private static void permissions(Path p, int mode) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << i)) != 0) {
                perms.add(all[i]);
            }
        }
        Files.setPosixFilePermissions(p, perms);
    }

    private static boolean readFully(InputStream in, byte[] b) throws IOException {
        int n = in.readNBytes(b, 0, b.length);
        return n == b.length;
    }

    private static byte[] read(InputStream in, long size) throws IOException {
        byte[] data = in.readNBytes((int) size);
        skip(in, (512 - size % 512) % 512);
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new IOException("truncated tar");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

    /** Deletes a file or a folder tree, symbolic links as links; nothing when absent. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!Files.isSymbolicLink(p)) {
                    p.toFile().setWritable(true);
                }
                Files.delete(p);
            }
        }
    }
}
