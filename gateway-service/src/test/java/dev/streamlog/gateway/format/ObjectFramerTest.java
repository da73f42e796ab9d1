package dev.streamlog.gateway.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cutting a stream of concatenated JSON objects into objects, whatever the reads' boundaries. */
class ObjectFramerTest {

    private static final String STREAM = "{\"a\":{\"b\":[1,{}]}}\r\n {\"s\":\"}{\\\"]\\\\\"} {}\n{\"k\":\"é\"}";

    private static List<String> frame(String stream, int readSize, ObjectFramer framer) {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += readSize) {
            framer.feed(bytes, i, Math.min(readSize, bytes.length - i))
                    .forEach(object -> objects.add(new String(object, StandardCharsets.UTF_8)));
        }
        return objects;
    }

    @Test
    void objectsComeOutWholeWhateverTheReadSize() {
        for (int readSize : new int[] {1, 2, 3, 7, 1000}) {
            ObjectFramer framer = new ObjectFramer(1000);
            assertThat(frame(STREAM, readSize, framer)).as("reads of %d bytes", readSize).containsExactly(
                    "{\"a\":{\"b\":[1,{}]}}", "{\"s\":\"}{\\\"]\\\\\"}", "{}", "{\"k\":\"é\"}");
            assertThat(framer.inObject()).isFalse();
            assertThat(framer.objects()).isEqualTo(4);
            assertThat(framer.failure()).isNull();
        }
    }

    @Test
    void anUnfinishedObjectIsKeptUntilItEnds() {
        ObjectFramer framer = new ObjectFramer(1000);
        assertThat(frame("{} {\"a\":[", 100, framer)).containsExactly("{}");
        assertThat(framer.inObject()).isTrue();
        assertThat(frame("2]}", 100, framer)).containsExactly("{\"a\":[2]}");
    }

    @Test
    void aValueThatIsNotAnObjectOrAnObjectTooLargeEndsTheStream() {
        ObjectFramer notAnObject = new ObjectFramer(1000);
        assertThat(frame("{} [1] {}", 100, notAnObject)).containsExactly("{}");
        assertThat(notAnObject.failure()).contains("record 1 is not a JSON object");
        assertThat(frame("{}", 100, notAnObject)).isEmpty();

        ObjectFramer tooLarge = new ObjectFramer(10);
        assertThat(frame("{\"a\":1} {\"a\":\"0123456789\"}", 4, tooLarge)).containsExactly("{\"a\":1}");
        assertThat(tooLarge.failure()).contains("record 1 is larger than 10 bytes");
        assertThat(tooLarge.buffered()).isLessThanOrEqualTo(256);

        ObjectFramer exact = new ObjectFramer(7);
        assertThat(frame("{\"a\":1}", 3, exact)).containsExactly("{\"a\":1}");
        assertThat(frame("{\"a\":12}", 3, exact)).isEmpty();
        assertThat(exact.failure()).as("8 bytes, one past the limit").contains("record 1 is larger than 7 bytes");
    }

    @Test
    void theBufferOfALargeObjectIsLetGoOnceItEnded() {
        ObjectFramer framer = new ObjectFramer(10_000);
        String large = "{\"v\":\"" + "x".repeat(5_000) + "\"}";
        assertThat(frame(large.substring(0, 4_000), 1000, framer)).isEmpty();
        assertThat(framer.buffered()).isGreaterThanOrEqualTo(4_000).isLessThanOrEqualTo(10_000);
        assertThat(frame(large.substring(4_000), 1000, framer)).hasSize(1);
        assertThat(framer.buffered()).isEqualTo(256);
    }
}
