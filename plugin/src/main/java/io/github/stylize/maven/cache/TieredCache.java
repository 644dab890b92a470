package io.github.stylize.maven.cache;

import io.github.stylize.engine.files.KeyLock;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The one cache the executor talks to: the local directory first, then the remote server (a hit is stored locally
 * too), else the image is rendered under the key's lock and stored in every tier. The remote tier is optional; a build
 * whose images are all local makes no network request.
 */
public final class TieredCache {
    /** How many remote lookups run at once: enough to hide latency, few enough not to flood a small server. */
    static final int PARALLEL_LOOKUPS = 8;

    /** Where an image came from. */
    public enum Source { LOCAL, REMOTE, GENERATED }

    /** An image and where it came from. */
    public record Found(Source source, NewEntry entry) {
    }

    /**
     * What the executor asks for.
     *
     * @param label    how messages name the asset, e.g. its id
     * @param key      the cache key
     * @param maxBytes the largest remote object accepted for it
     */
    public record Request(String label, String key, long maxBytes) {
    }

    /** Told when the local cache directory cannot be locked or written; the build goes on without it. */
    @FunctionalInterface
    public interface LocalTrouble {
        /** @param consequence what happens instead, for the message */
        void unusable(Request request, IOException cause, String consequence);
    }

    /** Produces the image on a miss; runs under the key's lock. */
    @FunctionalInterface
    public interface Render {
        NewEntry render() throws IOException;
    }

    private final ImageCache local;
    private final RemoteCache remote;
    private final Consumer<String> warn;
    private final LocalTrouble trouble;
    /** Remote lookups done ahead by {@link #prefetch}: a hit stored locally maps to null, a miss is absent. */
    private final Map<String, Prefetched> prefetched = new ConcurrentHashMap<>();

    private record Prefetched(boolean hit, NewEntry unstored) {
    }

    /** @param remote the shared server, or null for none */
    public TieredCache(ImageCache local, RemoteCache remote, Consumer<String> warn, LocalTrouble trouble) {
        this.local = local;
        this.remote = remote;
        this.warn = warn;
        this.trouble = trouble;
    }

    /** Whether a remote tier is configured (it may have been turned off since). */
    public boolean hasRemote() {
        return remote != null;
    }

    /**
     * Looks up, in parallel, every requested key the local cache lacks on the remote, storing hits locally, so that
     * 300 remote hits take seconds rather than 300 round trips. Later {@link #find} calls use the answers.
     */
    public void prefetch(List<Request> requests) {
        if (remote == null) {
            return;
        }
        List<Request> missing = requests.stream()
                .filter(r -> !Files.isRegularFile(local.entryDirectory(r.key()).resolve(ImageCache.METADATA)))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_LOOKUPS, missing.size()), r -> {
            Thread t = new Thread(r, "stylize-remote-cache");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> lookups = new ArrayList<>();
            for (Request r : missing) {
                lookups.add(pool.submit(() -> prefetched.put(r.key(), fetch(r))));
            }
            for (Future<?> f : lookups) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // A bug in a lookup: the asset is looked up again, or generated, when its turn comes.
            warn.accept("stylize: a remote cache lookup failed unexpectedly (" + e.getCause() + "); the assets"
                    + " concerned are looked up again one by one");
        } finally {
            pool.shutdownNow();
        }
    }

    /** The remote's answer for {@code r}, a hit stored in the local cache under the key's lock where possible. */
    private Prefetched fetch(Request r) {
        Optional<NewEntry> hit = remote.get(r.key(), r.maxBytes(), warn);
        if (hit.isEmpty()) {
            return new Prefetched(false, null);
        }
        return new Prefetched(true, storeLocally(r, hit.get(), "the image is used without caching it locally") ? null
                : hit.get());
    }

    /**
     * Whether {@link #find} is expected to answer {@code r}: its entry is in the local directory, or {@link #prefetch}
     * found it on the remote. Reads no image, so a build can count what it will generate before it starts.
     */
    public boolean expectsHit(Request r) {
        Prefetched ahead = prefetched.get(r.key());
        return (ahead != null && ahead.hit())
                || Files.isRegularFile(local.entryDirectory(r.key()).resolve(ImageCache.METADATA));
    }

    /** The image from the local cache, else from the remote one (stored locally on the way), else empty. */
    public Optional<Found> find(Request r) {
        Prefetched ahead = prefetched.remove(r.key());
        Optional<NewEntry> hit = local.get(r.key(), r.maxBytes(), warn);
        if (hit.isPresent()) {
            return Optional.of(new Found(ahead != null && ahead.hit() ? Source.REMOTE : Source.LOCAL, hit.get()));
        }
        if (ahead != null && ahead.unstored() != null) {
            return Optional.of(new Found(Source.REMOTE, ahead.unstored()));
        }
        if (remote == null || ahead != null) {
            return Optional.empty(); // no remote, or it already answered
        }
        Optional<NewEntry> fetched = remote.get(r.key(), r.maxBytes(), warn);
        fetched.ifPresent(e -> storeLocally(r, e, "the image is used without caching it locally"));
        return fetched.map(e -> new Found(Source.REMOTE, e));
    }

    /**
     * The image for {@code r}: from a cache unless {@code force}, else rendered while holding the key's lock (so
     * concurrent builds on this machine compute it once), then stored locally and pushed to the remote.
     */
    public Found obtain(Request r, boolean force, Render render) throws IOException {
        if (!force) {
            Optional<Found> found = find(r);
            if (found.isPresent()) {
                return found.get();
            }
        }
        NewEntry rendered;
        KeyLock lock = lockOrWarn(r, "the image is generated and written without caching it, so the next build"
                + " generates it again");
        try {
            if (lock != null && !force) {
                // Another build may have computed it while we waited for the lock.
                Optional<NewEntry> raced = local.get(r.key(), r.maxBytes(), warn);
                if (raced.isPresent()) {
                    return new Found(Source.LOCAL, raced.get());
                }
            }
            rendered = render.render();
            if (lock != null) {
                storeOrWarn(r, rendered, "the image is generated and written without caching it, so the next build"
                        + " generates it again");
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
        // After the lock: another local build waiting for this key need not wait for the upload.
        if (remote != null) {
            remote.store(r.key(), rendered);
        }
        return new Found(Source.GENERATED, rendered);
    }

    private boolean storeLocally(Request r, NewEntry entry, String consequence) {
        KeyLock lock = lockOrWarn(r, consequence);
        if (lock == null) {
            return false;
        }
        try {
            return storeOrWarn(r, entry, consequence);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                trouble.unusable(r, e, consequence);
            }
        }
    }

    private KeyLock lockOrWarn(Request r, String consequence) {
        try {
            return local.lock(r.key());
        } catch (IOException e) {
            trouble.unusable(r, e, consequence);
            return null;
        }
    }

    private boolean storeOrWarn(Request r, NewEntry entry, String consequence) {
        try {
            local.store(r.key(), entry);
            return true;
        } catch (IOException e) {
            trouble.unusable(r, e, consequence);
            return false;
        }
    }
}
