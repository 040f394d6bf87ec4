package dev.pipglr.setup.ui.common;

import java.util.function.Consumer;

/**
 * How every page opens a web page: through the browser the application hands in (its HostServices). Until then, or
 * when that browser cannot open it, the page says the address instead, so a link never does nothing.
 */
public final class LinkOpener {

    private volatile Consumer<String> browser;

    /** @param browser shows an https address in the user's browser */
    public void useBrowser(Consumer<String> browser) {
        this.browser = browser;
    }

    /**
     * Opens {@code url} in the browser.
     *
     * @param say receives "Open URL in your browser." when there is no browser to open it
     */
    public void open(String url, Consumer<String> say) {
        Consumer<String> opener = browser;
        if (opener != null) {
            try {
                opener.accept(url);
                return;
            } catch (RuntimeException noBrowser) {
                // said below, as without a browser
            }
        }
        say.accept("Open " + url + " in your browser.");
    }
}
