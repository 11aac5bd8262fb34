package org.example;

public class Heavy {
}
