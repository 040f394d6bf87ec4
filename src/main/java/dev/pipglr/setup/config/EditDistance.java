package dev.pipglr.setup.config;

import java.util.HashMap;
import java.util.Map;

/** How many single-letter edits turn one word into another, for "did you mean ...?" on misspelt keys. */
final class EditDistance {

    private EditDistance() {}

    /**
     * The (unrestricted) Damerau-Levenshtein distance: insertions, deletions, substitutions and swaps of two
     * neighbouring letters each count one, and a swapped pair may still be edited around (Lowrance and Wagner's
     * algorithm). Swaps are the most common typing slip ({@code dokcer}), which plain Levenshtein counts twice.
     */
    static int damerauLevenshtein(CharSequence from, CharSequence to) {
        int rows = from.length();
        int columns = to.length();
        int unreachable = rows + columns;
        // distances[i + 1][j + 1]: from's first i letters to to's first j; row and column 0 bound the swaps
        int[][] distances = new int[rows + 2][columns + 2];
        distances[0][0] = unreachable;
        for (int i = 0; i <= rows; i++) {
            distances[i + 1][0] = unreachable;
            distances[i + 1][1] = i;
        }
        for (int j = 0; j <= columns; j++) {
            distances[0][j + 1] = unreachable;
            distances[1][j + 1] = j;
        }
        Map<Character, Integer> lastRowOfLetter = new HashMap<>();
        for (int i = 1; i <= rows; i++) {
            int lastMatchingColumn = 0;
            for (int j = 1; j <= columns; j++) {
                int swapRow = lastRowOfLetter.getOrDefault(to.charAt(j - 1), 0);
                int swapColumn = lastMatchingColumn;
                int substitution = 1;
                if (from.charAt(i - 1) == to.charAt(j - 1)) {
                    substitution = 0;
                    lastMatchingColumn = j;
                }
                int best = Math.min(
                        distances[i][j] + substitution, Math.min(distances[i + 1][j] + 1, distances[i][j + 1] + 1));
                int swap = distances[swapRow][swapColumn] + (i - swapRow - 1) + 1 + (j - swapColumn - 1);
                distances[i + 1][j + 1] = Math.min(best, swap);
            }
            lastRowOfLetter.put(from.charAt(i - 1), i);
        }
        return distances[rows + 1][columns + 1];
    }
}
