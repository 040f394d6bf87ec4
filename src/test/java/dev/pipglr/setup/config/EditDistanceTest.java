package dev.pipglr.setup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit")
class EditDistanceTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            limit      | limit      | 0
            limt       | limit      | 1
            concurent  | concurrent | 1
            dokcer     | docker     | 1
            imgae      | image      | 1
            ''         | abc        | 3
            abc        | ''         | 3
            kitten     | sitting    | 3
            # the unrestricted distance: swap c and a, then insert b between them (restricted, "optimal string alignment": 3)
            ca         | abc        | 2
            abcdef     | badcfe     | 3
            """)
    void countsInsertionsDeletionsSubstitutionsAndSwapsOfNeighbours(String from, String to, int expected) {
        assertEquals(expected, EditDistance.damerauLevenshtein(from, to));
        assertEquals(expected, EditDistance.damerauLevenshtein(to, from), "the same both ways");
    }
}
