package com.example.catvideos;

import io.legnext.app.Legnext;
import java.io.PrintStream;
import java.util.Map;

/** A plain Java application: the key comes from LEGNEXT_API_KEY, never from code. */
public final class CatVideoApp {
    public static void main(String[] args) {
        run(System.getenv(), System.out);
    }

    static void run(Map<String, String> env, PrintStream out) {
        try (Legnext legnext = Legnext.fromEnvironment(env)) {
            new CatVideos(legnext).make().join().forEach(out::println);
        }
    }
}
