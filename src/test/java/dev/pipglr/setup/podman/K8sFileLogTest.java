package dev.pipglr.setup.podman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** conmon's k8s-file records, as podman 4.3.1 and 5.4.2 write them (checked against files they wrote). */
@Tag("unit")
class K8sFileLogTest {

    private static final String T1 = "2026-11-29T23:22:21.746676091+00:00";
    private static final String T2 = "2026-11-29T23:22:21.750181199+00:00";
    private static final String T3 = "2026-11-29T23:22:21.751625349+00:00";

    private static String read(String file) {
        return K8sFileLog.withTimestamps(file.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wholeLinesKeepTheirTimestampAndText() {
        assertEquals(
                T1 + " hi\n" + T2 + " err\n" + T3 + " \n",
                read(T1 + " stdout F hi\n" + T2 + " stderr F err\n" + T3 + " stdout F \n"));
    }

    @Test
    void partsOfALongLineAreJoinedUnderTheFirstPartsTime() {
        assertEquals(
                T1 + " aaabbbccc\n", read(T1 + " stdout P aaa\n" + T2 + " stdout P bbb\n" + T3 + " stdout F ccc\n"));
    }

    @Test
    void partsAreJoinedPerStreamWhileTheOtherStreamWritesWholeLines() {
        assertEquals(
                T2 + " error!\n" + T1 + " out-1out-2\n",
                read(T1 + " stdout P out-1\n" + T2 + " stderr F error!\n" + T3 + " stdout F out-2\n"));
    }

    @Test
    void aLineStillBeingWrittenIsLeftOut() {
        assertEquals(T1 + " done\n", read(T1 + " stdout F done\n" + T2 + " stdout P half a li\n"));
        assertEquals(T1 + " done\n", read(T1 + " stdout F done\n" + T2 + " stdout F no newline yet"));
    }

    @Test
    void aCharacterCutBetweenTwoPartsIsWholeAgain() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // three bytes
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes((T1 + " stdout P price ").getBytes(StandardCharsets.UTF_8));
        file.write(euro, 0, 2);
        file.writeBytes(("\n" + T2 + " stdout F ").getBytes(StandardCharsets.UTF_8));
        file.write(euro, 2, 1);
        file.writeBytes("5\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(T1 + " price €5\n", K8sFileLog.withTimestamps(file.toByteArray()));
    }

    @Test
    void anEmptyLineWithoutItsTrailingSpaceIsStillALine() {
        assertEquals(T1 + " \n", read(T1 + " stdout F\n"));
    }
}
