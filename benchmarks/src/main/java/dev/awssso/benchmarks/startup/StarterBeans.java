package dev.awssso.benchmarks.startup;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

/**
 * The time a start-up spent creating the starter's beans (its auto-configuration, properties, settings, engine,
 * credentials and region providers), from Spring's recorded start-up steps. Nested steps are counted once.
 */
final class StarterBeans {

    private static final String INSTANTIATE = "spring.beans.instantiate";

    private StarterBeans() {
    }

    static Duration creationTime(BufferingApplicationStartup startup) {
        List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
        Set<Long> starterSteps = new HashSet<>();
        for (TimelineEvent event : events) {
            if (isStarterBean(event.getStartupStep())) {
                starterSteps.add(event.getStartupStep().getId());
            }
        }
        Duration total = Duration.ZERO;
        for (TimelineEvent event : events) {
            StartupStep step = event.getStartupStep();
            if (starterSteps.contains(step.getId()) && !starterSteps.contains(step.getParentId())) {
                total = total.plus(event.getDuration());
            }
        }
        return total;
    }

    private static boolean isStarterBean(StartupStep step) {
        if (!INSTANTIATE.equals(step.getName())) {
            return false;
        }
        for (StartupStep.Tag tag : step.getTags()) {
            if ("beanName".equals(tag.getKey())
                    && (tag.getValue().startsWith("awsSso") || tag.getValue().contains("dev.awssso.autoconfigure"))) {
                return true;
            }
        }
        return false;
    }
}
