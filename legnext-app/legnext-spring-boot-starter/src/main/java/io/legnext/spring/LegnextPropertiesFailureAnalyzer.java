package io.legnext.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad {@code legnext.*} property into Boot's "APPLICATION FAILED TO START" report, naming the property. */
final class LegnextPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<LegnextPropertiesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LegnextPropertiesException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Correct '" + cause.property() + "' in the application's configuration (or its environment variable).",
                cause);
    }
}
