package org.mailgate.smtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.ManualClock;

class AuthFailureTrackerTest {

    final ManualClock clock = new ManualClock();

    @Test
    void anAddressIsBlockedAtTheLimitUntilItsWindowPasses() throws Exception {
        AuthFailureTracker tracker = new AuthFailureTracker(2, Duration.ofMinutes(5), clock);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("2001:db8::1");

        tracker.failed(a);
        assertThat(tracker.blocked(a)).isFalse();
        clock.advance(Duration.ofMinutes(4));
        tracker.failed(a);
        tracker.failed(b);

        assertThat(tracker.blocked(a)).isTrue();
        assertThat(tracker.blocked(b)).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(tracker.blocked(a)).isFalse();
    }

    @Test
    void itRemembersABoundedNumberOfAddresses() throws Exception {
        AuthFailureTracker tracker = new AuthFailureTracker(1, Duration.ofHours(1), 100, clock);
        for (int i = 0; i < 1000; i++) {
            tracker.failed(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i}));
        }

        assertThat(tracker.size()).isEqualTo(100);
        assertThat(tracker.blocked(InetAddress.getByAddress(new byte[] {10, 0, 3, (byte) 231}))).isTrue();
        assertThat(tracker.blocked(InetAddress.getByAddress(new byte[] {10, 0, 0, 0}))).isFalse();
    }
}
