package org.mailgate.spool;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.mailgate.api.delivery.DeliverySettings;
import org.mailgate.api.delivery.RetrySchedule;

final class DeliverySettingsFixture {

    private DeliverySettingsFixture() {
    }

    static DeliverySettings settings(String queue) {
        return new DeliverySettings(queue, RetrySchedule.parse("1 minute", 3), List.of(), Optional.empty(),
                Duration.ofSeconds(5), Duration.ofSeconds(30), Optional.of("error"), Optional.empty(), 10, 25);
    }
}
