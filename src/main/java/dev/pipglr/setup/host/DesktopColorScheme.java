package dev.pipglr.setup.host;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the desktop prefers a light or a dark look. JavaFX 21 does not say (its Platform.Preferences came in 22,
 * which needs a newer Java than this project's 17), so the wizard asks what GTK desktops set: an explicit
 * {@code PIPGLR_THEME=light|dark}, then {@code GTK_THEME} ("Adwaita:dark"), then GNOME's
 * {@code org.gnome.desktop.interface color-scheme} ("prefer-dark", what GNOME 42+ and the desktop portal use) and,
 * for older desktops, a theme name ending in "-dark".
 */
public enum DesktopColorScheme {
    LIGHT,
    DARK;

    public static final String OVERRIDE = "PIPGLR_THEME";

    private static final Duration GSETTINGS_TIMEOUT = Duration.ofSeconds(2);

    public static DesktopColorScheme detect(Machine machine) {
        Optional<String> chosen =
                machine.env(OVERRIDE).map(value -> value.strip().toLowerCase(Locale.ROOT));
        if (chosen.isPresent() && (chosen.get().equals("dark") || chosen.get().equals("light"))) {
            return chosen.get().equals("dark") ? DARK : LIGHT;
        }
        if (machine.env("GTK_THEME").map(DesktopColorScheme::darkThemeName).orElse(false)) {
            return DARK;
        }
        if (!machine.hasCommand("gsettings")) {
            return LIGHT;
        }
        Optional<String> scheme = gsettings(machine, "color-scheme");
        if (scheme.isPresent() && !scheme.get().equals("default")) {
            return scheme.get().equals("prefer-dark") ? DARK : LIGHT;
        }
        return gsettings(machine, "gtk-theme")
                        .map(DesktopColorScheme::darkThemeName)
                        .orElse(false)
                ? DARK
                : LIGHT;
    }

    /** "Adwaita:dark", "Adwaita-dark", "Yaru-dark": GTK's ways of naming a dark variant. */
    static boolean darkThemeName(String theme) {
        String name = theme.strip().toLowerCase(Locale.ROOT);
        return name.endsWith(":dark") || name.endsWith("-dark") || name.contains("-dark-");
    }

    /** A key of org.gnome.desktop.interface without gsettings' quotes; empty when gsettings has no answer. */
    private static Optional<String> gsettings(Machine machine, String key) {
        try {
            CommandResult result =
                    machine.run(List.of("gsettings", "get", "org.gnome.desktop.interface", key), GSETTINGS_TIMEOUT);
            if (!result.succeeded()) {
                return Optional.empty();
            }
            String value = result.stdout().strip();
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1);
            }
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
