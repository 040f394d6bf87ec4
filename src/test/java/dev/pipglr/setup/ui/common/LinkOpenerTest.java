package dev.pipglr.setup.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A link never does nothing: the browser opens it, or the page says the address. */
@Tag("unit")
class LinkOpenerTest {

    private static final String URL = "https://docs.gitlab.com/runner/configuration/advanced-configuration.html";

    private final LinkOpener links = new LinkOpener();
    private final List<String> said = new ArrayList<>();

    @Test
    void withoutABrowserTheAddressIsSaid() {
        links.open(URL, said::add);

        assertEquals(List.of("Open " + URL + " in your browser."), said);
    }

    @Test
    void theBrowserHandedInOpensItAndNothingIsSaid() {
        List<String> opened = new ArrayList<>();
        links.useBrowser(opened::add);

        links.open(URL, said::add);

        assertEquals(List.of(URL), opened);
        assertEquals(List.of(), said);
    }

    @Test
    void aBrowserThatCannotOpenItLeavesTheAddressSaid() {
        links.useBrowser(url -> {
            throw new UnsupportedOperationException("no desktop browser");
        });

        links.open(URL, said::add);

        assertEquals(List.of("Open " + URL + " in your browser."), said);
    }
}
