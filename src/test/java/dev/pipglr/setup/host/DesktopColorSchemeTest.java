package dev.pipglr.setup.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DesktopColorSchemeTest {

    private static final List<String> COLOR_SCHEME =
            List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme");
    private static final List<String> GTK_THEME =
            List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme");

    @Test
    void gnomesColorSchemeDecides() {
        assertEquals(
                DesktopColorScheme.DARK,
                DesktopColorScheme.detect(
                        new FakeMachine("alice", 1500).answer(COLOR_SCHEME, 0, "'prefer-dark'\n", "")));
        assertEquals(
                DesktopColorScheme.LIGHT,
                DesktopColorScheme.detect(
                        new FakeMachine("alice", 1500).answer(COLOR_SCHEME, 0, "'prefer-light'\n", "")));
    }

    @Test
    void withTheDefaultSchemeADarkThemeNameDecides() {
        FakeMachine machine = new FakeMachine("alice", 1500)
                .answer(COLOR_SCHEME, 0, "'default'\n", "")
                .answer(GTK_THEME, 0, "'Yaru-dark'\n", "");

        assertEquals(DesktopColorScheme.DARK, DesktopColorScheme.detect(machine));
    }

    @Test
    void theEnvironmentComesFirstAndNoDesktopMeansLight() {
        assertEquals(
                DesktopColorScheme.DARK,
                DesktopColorScheme.detect(new FakeMachine("alice", 1500).env("GTK_THEME", "Adwaita:dark")));
        assertEquals(
                DesktopColorScheme.LIGHT,
                DesktopColorScheme.detect(new FakeMachine("alice", 1500)
                        .env(DesktopColorScheme.OVERRIDE, "light")
                        .env("GTK_THEME", "Adwaita:dark")));
        FakeMachine noDesktop = new FakeMachine("alice", 1500);
        assertEquals(DesktopColorScheme.LIGHT, DesktopColorScheme.detect(noDesktop));
        assertTrue(noDesktop.ran().isEmpty(), "no gsettings to ask: nothing run");
    }

    @Test
    void darkVariantsAreNamedTheGtkWays() {
        for (String dark : List.of("Adwaita:dark", "Adwaita-dark", "Yaru-dark", "Pop-dark-slim")) {
            assertTrue(DesktopColorScheme.darkThemeName(dark), dark);
        }
        for (String light : List.of("Adwaita", "Yaru", "Darkroom", "Breeze")) {
            assertEquals(false, DesktopColorScheme.darkThemeName(light), light);
        }
    }
}
