package dev.awssso.core.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

/** Collects what the engine logs, for assertions on warnings and on secrets. */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.awssso");

    public LogCapture() {
        start();
        this.logger.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent event) {
        this.events.add(event);
    }

    /** Formatted messages at WARN or above. */
    public List<String> warnings() {
        return this.events.stream()
            .filter((event) -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    }

    /** Every formatted message, with the messages of any attached exception. */
    public String all() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : this.events) {
            text.append(event.getFormattedMessage()).append('\n');
            for (var thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
                text.append(thrown.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        this.logger.detachAppender(this);
        stop();
    }
}
