package dev.pipglr.setup.ui.common;

import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;

/** Output areas and hints that take no room until they have something to say. */
public final class Shown {

    private Shown() {}

    public static void whenNotEmpty(TextInputControl target, ObservableStringValue text) {
        bind(target, target.textProperty(), text);
    }

    public static void whenNotEmpty(Labeled target, ObservableStringValue text) {
        bind(target, target.textProperty(), text);
    }

    private static void bind(Node target, StringProperty targetText, ObservableStringValue text) {
        targetText.bind(text);
        target.visibleProperty().bind(targetText.isNotEmpty());
        target.managedProperty().bind(target.visibleProperty());
    }
}
