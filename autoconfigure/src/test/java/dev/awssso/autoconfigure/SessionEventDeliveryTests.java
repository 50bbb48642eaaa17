package dev.awssso.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.status.SessionEvent;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.IdentityCenterEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session events reach {@code @EventListener}s on a background thread of the starter, one at a time and in
 * the order they happened: events that happen while a listener is busy wait for it.
 */
@ExtendWith(IdentityCenterEmulatorExtension.class)
class SessionEventDeliveryTests {

    @TempDir
    Path home;

    @Test
    void deliversEventsOneAtATimeInOrderOnABackgroundThread(IdentityCenterEmulator emulator) {
        emulator.signIn("corp").writeCacheFile(this.home.resolve(".aws/sso/cache"));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AwsSsoAutoConfiguration.class))
            .withPropertyValues("HOME=" + this.home, "AWS_PROFILE=", "AWS_CONFIG_FILE=", "aws.sso.sso-session=corp",
                    "aws.sso.start-url=" + emulator.startUrl(), "aws.sso.sso-region=" + emulator.ssoRegion(),
                    "aws.sso.account-id=111122223333", "aws.sso.role-name=ReadOnly",
                    "aws.sso.endpoint.oidc=" + emulator.endpoint(), "aws.sso.endpoint.portal=" + emulator.endpoint())
            .withUserConfiguration(BusyListener.class)
            .run((context) -> {
                SsoEngine engine = context.getBean(SsoEngine.class);
                BusyListener listener = context.getBean(BusyListener.class);

                engine.credentialsProvider().refreshNow();
                assertThat(listener.firstEventArrived.await(10, TimeUnit.SECONDS)).as("the first event arrived")
                    .isTrue();
                engine.tokens().refreshNow();
                engine.credentialsProvider().refreshNow();
                engine.tokens().refreshNow();
                listener.release.countDown();

                await().atMost(Duration.ofSeconds(10)).until(() -> listener.events.size() == 4);
                assertThat(listener.events).extracting(Object::getClass)
                    .containsExactly(SessionEvent.CredentialsRefreshed.class, SessionEvent.TokenRefreshed.class,
                            SessionEvent.CredentialsRefreshed.class, SessionEvent.TokenRefreshed.class);
                assertThat(listener.mostAtOnce).as("events handled at once").hasValue(1);
                assertThat(listener.threads).singleElement()
                    .satisfies((thread) -> assertThat(thread.getName()).startsWith("aws-sso-").endsWith("-events-1"));
            });
    }

    /** Holds on to the first event until released, and records how the events arrive. */
    @Configuration(proxyBeanMethods = false)
    static class BusyListener {

        final List<SessionEvent> events = new CopyOnWriteArrayList<>();

        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        final AtomicInteger mostAtOnce = new AtomicInteger();

        final CountDownLatch firstEventArrived = new CountDownLatch(1);

        final CountDownLatch release = new CountDownLatch(1);

        private final AtomicInteger handling = new AtomicInteger();

        @EventListener
        void on(SessionEvent event) throws InterruptedException {
            this.mostAtOnce.accumulateAndGet(this.handling.incrementAndGet(), Math::max);
            try {
                this.threads.add(Thread.currentThread());
                this.events.add(event);
                if (this.events.size() == 1) {
                    this.firstEventArrived.countDown();
                    this.release.await(10, TimeUnit.SECONDS);
                }
            }
            finally {
                this.handling.decrementAndGet();
            }
        }
    }
}
