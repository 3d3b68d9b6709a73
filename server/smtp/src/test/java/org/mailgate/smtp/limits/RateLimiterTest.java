package org.mailgate.smtp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mailgate.testkit.ManualClock;

class RateLimiterTest {

    final ManualClock clock = new ManualClock();
    final ClientKey client = key("192.0.2.1");

    static ClientKey key(String address) {
        try {
            return ClientKey.of(InetAddress.getByName(address));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void allowsTheLimitInAMinuteThenRefuses() {
        RateLimiter limiter = new RateLimiter(3, clock);
        assertThat(limiter.tryAcquire(client)).isTrue();
        assertThat(limiter.tryAcquire(client)).isTrue();
        assertThat(limiter.tryAcquire(client)).isTrue();
        assertThat(limiter.tryAcquire(client)).isFalse();
        assertThat(limiter.tryAcquire(key("192.0.2.2"))).as("another client has its own count").isTrue();
    }

    @Test
    void theWindowSlidesRatherThanResettingAtTheMinute() {
        RateLimiter limiter = new RateLimiter(4, clock);
        clock.advance(Duration.ofSeconds(50)); // 10:00:50
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire(client)).isTrue();
        }
        clock.advance(Duration.ofSeconds(15)); // 10:01:05: the four of the last minute still weigh 3.33
        assertThat(limiter.tryAcquire(client)).as("a new minute is no fresh start").isFalse();
        clock.advance(Duration.ofSeconds(30)); // 10:01:35: they weigh 1.67
        assertThat(limiter.tryAcquire(client)).isTrue();
        assertThat(limiter.tryAcquire(client)).isTrue();
        assertThat(limiter.tryAcquire(client)).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(limiter.tryAcquire(client)).isTrue();
    }

    @Test
    void noLimitTracksNothing() {
        RateLimiter limiter = new RateLimiter(0, clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(client)).isTrue();
        }
        assertThat(limiter.trackedClients()).isZero();
    }

    @Test
    void aFloodOfDistinctAddressesCannotGrowTheTable() {
        RateLimiter limiter = new RateLimiter(1, clock, 100);
        for (int i = 0; i < 10_000; i++) {
            limiter.tryAcquire(key("10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff)));
        }
        assertThat(limiter.trackedClients()).isEqualTo(100);
    }

    @Test
    void theMostRecentlySeenClientsAreTheOnesKept() {
        RateLimiter limiter = new RateLimiter(1, clock, 2);
        assertThat(limiter.tryAcquire(client)).isTrue();
        assertThat(limiter.tryAcquire(key("192.0.2.2"))).isTrue();
        assertThat(limiter.tryAcquire(client)).as("still tracked, over its limit").isFalse();
        assertThat(limiter.tryAcquire(key("192.0.2.3"))).isTrue(); // evicts 192.0.2.2, the least recently seen
        assertThat(limiter.tryAcquire(client)).isFalse();
        assertThat(limiter.tryAcquire(key("192.0.2.2"))).as("forgotten, so counted afresh").isTrue();
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() {
        assertThat(key("2001:db8::1")).isEqualTo(key("2001:db8::ffff:2"));
        assertThat(key("2001:db8::1")).isNotEqualTo(key("2001:db8:0:1::1"));
        assertThat(key("192.0.2.1")).isNotEqualTo(key("192.0.2.2"));
    }
}
