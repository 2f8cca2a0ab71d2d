package dev.sceneway.products.credit.catalogue;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The bank's active products, read from the database at most once per {@link CatalogueProperties#cacheTtl()}: quotes
 * are computed on every partner page view, the catalogue changes a few times a year. Readers never wait on a fresh
 * snapshot; when it is stale, one thread reloads it while the others wait for that one reload.
 */
@Component
public class ActiveCreditProducts {

    private record Snapshot(List<CreditProduct> products, long loadedAtNanos) {
    }

    private final CreditProductRepository repository;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private volatile @Nullable Snapshot snapshot;

    @Autowired
    ActiveCreditProducts(CreditProductRepository repository, CatalogueProperties properties) {
        this(repository, properties, System::nanoTime);
    }

    ActiveCreditProducts(CreditProductRepository repository, CatalogueProperties properties, LongSupplier nanoTime) {
        this.repository = repository;
        this.ttlNanos = properties.cacheTtl().toNanos();
        this.nanoTime = nanoTime;
    }

    /** Every active product in product id order, at most {@code cacheTtl} old. */
    public List<CreditProduct> all() {
        Snapshot current = snapshot;
        if (current != null && isFresh(current)) {
            return current.products();
        }
        return reload();
    }

    /** An active product by id, from the same snapshot as {@link #all()}. */
    public Optional<CreditProduct> find(String productId) {
        return all().stream().filter(product -> product.productId().equals(productId)).findFirst();
    }

    private synchronized List<CreditProduct> reload() {
        Snapshot current = snapshot;
        if (current != null && isFresh(current)) {
            return current.products(); // another thread reloaded while this one waited
        }
        Snapshot loaded = new Snapshot(List.copyOf(repository.findAllActive()), nanoTime.getAsLong());
        snapshot = loaded;
        return loaded.products();
    }

    private boolean isFresh(Snapshot current) {
        return nanoTime.getAsLong() - current.loadedAtNanos() < ttlNanos;
    }
}
