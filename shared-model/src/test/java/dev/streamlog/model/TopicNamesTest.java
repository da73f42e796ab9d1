package dev.streamlog.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"orders", "a", "A-b_c.d", "__consumer_offsets", "..a", "0"})
    void acceptsLegalNames(String name) {
        assertThat(TopicNames.problem(name)).isEmpty();
        assertThat(TopicNames.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../etc", "a/b", "a\\b", "with space", "tab\t", "é", "a:b", "nul\0"})
    void rejectsIllegalNames(String name) {
        assertThat(TopicNames.problem(name)).isPresent();
        assertThat(TopicNames.isValid(name)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(TopicNames.problem(null)).contains("topic name is empty");
    }

    @Test
    void enforcesTheLengthLimitExactly() {
        assertThat(TopicNames.isValid("x".repeat(249))).isTrue();
        assertThat(TopicNames.problem("x".repeat(250))).get().asString().contains("250 characters", "249");
    }

    @Test
    void namesTheOffendingCharacterAndIndex() {
        assertThat(TopicNames.problem("ab/c")).get().asString().contains("'/'", "index 2");
        assertThat(TopicNames.problem("a\nb")).get().asString().contains("U+000A");
    }

    @Test
    void recognisesInternalTopics() {
        assertThat(TopicNames.isInternal("__consumer_offsets")).isTrue();
        assertThat(TopicNames.isInternal("_one")).isFalse();
        assertThat(TopicNames.isInternal(null)).isFalse();
    }

    @Test
    void topicPartitionPrintsAsDirectoryStyleName() {
        assertThat(new TopicPartition("orders", 3)).hasToString("orders-3");
    }
}
