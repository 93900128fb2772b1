package io.legnext.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Says in words what a failed file operation ran into ("permission denied", "read-only file system"), for messages
 * that people read: the JDK's exceptions often carry only a path, or nothing, as their message.
 */
public final class IoFailures {

    private IoFailures() {
    }

    /**
     * What went wrong, in words, without the exception's class name; names the file when the failure has one.
     *
     * @param e the failure
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException fs) {
            String file = fs.getFile();
            String reason = fs.getReason();
            String what;
            if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof FileAlreadyExistsException) {
                what = "something already has that name";
            } else if (e instanceof NoSuchFileException) {
                what = "no such file or directory";
            } else if (e instanceof NotDirectoryException) {
                what = "not a directory";
            } else if (e instanceof DirectoryNotEmptyException) {
                what = "the directory is not empty";
            } else if (reason != null && !reason.isBlank()) {
                what = lowerFirst(reason.strip());
            } else {
                what = "the file system refused";
            }
            return file == null ? what : what + " (" + file + ")";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "an input/output error" : m;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
