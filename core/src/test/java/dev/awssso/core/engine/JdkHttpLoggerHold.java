package dev.awssso.core.engine;

import java.util.logging.Logger;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Holds the {@code java.util.logging} logger of the JDK's {@code HttpURLConnection} from the start of each test JVM,
 * before any connection is made. The JDK logs through a logger of its own; a logger of the same name that
 * application code gets is tied to it only if it is alive when the JDK's is made. One got and dropped before that
 * (every engine start looks at its level) is collected later, and a new one is then tied to nothing: setting its level
 * turns on no JDK debug log ({@link UrlConnectionDebugLogTests}).
 */
public final class JdkHttpLoggerHold implements LauncherSessionListener {

    private static final Logger HELD = Logger.getLogger("sun.net.www.protocol.http.HttpURLConnection");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        // loading this class holds the logger
        HELD.getName();
    }
}
