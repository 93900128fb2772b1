package io.legnext.app.cli;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Consumer;

/** A {@link System.Logger} that turns the fake service's log lines into one-line notices on stderr. */
final class NoticeLogger implements System.Logger {

    private final Consumer<String> notices;
    private final Level threshold;

    /**
     * @param notices where lines go
     * @param threshold the least level shown
     */
    NoticeLogger(Consumer<String> notices, Level threshold) {
        this.notices = notices;
        this.threshold = threshold;
    }

    @Override
    public String getName() {
        return "legnext-fake";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF && level.getSeverity() >= threshold.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            notices.accept("legnext: fake service: " + msg + (thrown == null ? "" : " (" + thrown + ")"));
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            notices.accept("legnext: fake service: "
                    + (params == null || params.length == 0 ? format : MessageFormat.format(format, params)));
        }
    }
}
