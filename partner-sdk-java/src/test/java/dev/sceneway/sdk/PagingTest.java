package dev.sceneway.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sceneway.sdk.generated.model.PageLinks;
import org.junit.jupiter.api.Test;

class PagingTest {

    @Test
    void nextCursorIsTakenFromTheNextLinksQuery() {
        PageLinks links = new PageLinks().self("/v1/banks/lakeside/credit/products?limit=2")
                .next("/v1/banks/lakeside/credit/products?limit=2&cursor=bGFrZXNpZGUtbWVyY2hhbnQtemVybw");

        assertThat(Paging.nextCursor(links)).contains("bGFrZXNpZGUtbWVyY2hhbnQtemVybw");
    }

    @Test
    void lastPageHasNoNextCursor() {
        assertThat(Paging.nextCursor(new PageLinks().self("/v1/banks/lakeside/credit/products"))).isEmpty();
        assertThat(Paging.nextCursor(null)).isEmpty();
    }

    @Test
    void nextLinkWithoutCursorIsRefused() {
        assertThatThrownBy(() -> Paging.nextCursor(new PageLinks().self("/x").next("/v1/banks/lakeside/credit/products?limit=2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no cursor");
    }
}
