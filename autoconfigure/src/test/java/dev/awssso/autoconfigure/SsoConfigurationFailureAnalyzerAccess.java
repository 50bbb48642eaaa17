package dev.awssso.autoconfigure;

import org.springframework.boot.diagnostics.FailureAnalysis;

/** Lets tests in other packages render the failure analysis of a start-up failure. */
public final class SsoConfigurationFailureAnalyzerAccess {

    private SsoConfigurationFailureAnalyzerAccess() {
    }

    /** The description and action of the analysis, or an empty string when the analyzer does not apply. */
    public static String describe(Throwable failure) {
        FailureAnalysis analysis = new SsoConfigurationFailureAnalyzer().analyze(failure);
        return (analysis != null) ? analysis.getDescription() + "\n" + analysis.getAction() : "";
    }
}
