package dev.sceneway.sdk;

import dev.sceneway.sdk.generated.model.PageLinks;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Cursor paging of Sceneway lists: {@code links.next} is a relative reference that carries the next {@code cursor}. */
public final class Paging {

    private Paging() {
    }

    /** The {@code cursor} to pass for the next page, or empty on the last page (no {@code links.next}). */
    public static Optional<String> nextCursor(@Nullable PageLinks links) {
        if (links == null || links.getNext() == null) {
            return Optional.empty();
        }
        String query = URI.create(links.getNext()).getRawQuery();
        if (query == null) {
            throw new IllegalArgumentException("links.next has no cursor: " + links.getNext());
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("cursor=")) {
                return Optional.of(URLDecoder.decode(pair.substring("cursor=".length()), StandardCharsets.UTF_8));
            }
        }
        throw new IllegalArgumentException("links.next has no cursor: " + links.getNext());
    }
}
