package app.rapport.operations;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import app.rapport.recall.IndexCheck;
import app.rapport.recall.MessageIndex;

/** The search index: UP while it can be read, with its size and what the start-up check found. */
@Component("index")
@ConditionalOnWebApplication
class IndexHealth implements HealthIndicator {

    private final MessageIndex index;
    private final IndexCheck check;

    IndexHealth(MessageIndex index, IndexCheck check) {
        this.index = index;
        this.check = check;
    }

    @Override
    public Health health() {
        try {
            Health.Builder health = Health.up().withDetail("documents", index.size());
            check.lastRepair().ifPresent(r -> health
                    .withDetail("atStartStoredMessages", r.stored())
                    .withDetail("atStartReindexed", r.reindexed())
                    .withDetail("atStartWasDamaged", r.wasDamaged()));
            return health.build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("reason", "the search index cannot be read: " + e.getMessage()).build();
        }
    }
}
