package dev.streamlog.storage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.streamlog.client.fixtures.TestClusterSignature;
import dev.streamlog.model.Acks;
import dev.streamlog.model.ErrorCode;
import dev.streamlog.model.RecordHeader;
import dev.streamlog.model.TopicPartition;
import dev.streamlog.model.batch.AppendOutcomes;
import dev.streamlog.model.batch.PartitionAppends;
import dev.streamlog.model.batch.RecordBatch;
import dev.streamlog.model.batch.RecordBatches;
import dev.streamlog.model.internal.AppendRecord;
import dev.streamlog.model.internal.AppendRequest;
import dev.streamlog.model.internal.AppendResponse;
import dev.streamlog.model.internal.LeaderAndIsrRequest;
import dev.streamlog.model.internal.ReadResponse;
import dev.streamlog.model.internal.StoredRecord;
import dev.streamlog.model.v2.PartitionOffsets;
import dev.streamlog.storage.config.StorageProperties;
import dev.streamlog.storage.fetch.LogRead;
import dev.streamlog.storage.fetch.Reader;
import dev.streamlog.storage.log.errors.CorruptRecordException;
import dev.streamlog.storage.log.errors.InvalidArgumentException;
import dev.streamlog.storage.log.errors.LogClosedException;
import dev.streamlog.storage.log.errors.LogStorageException;
import dev.streamlog.storage.log.errors.OffsetOutOfRangeException;
import dev.streamlog.storage.log.errors.RecordTooLargeException;
import dev.streamlog.storage.datadir.DataDirOfflineException;
import dev.streamlog.storage.partition.FencedException;
import dev.streamlog.storage.partition.NotEnoughReplicasException;
import dev.streamlog.storage.produce.PartitionAppendsAppender;
import dev.streamlog.storage.partition.NotLeaderException;
import dev.streamlog.storage.partition.ReplicationException;
import dev.streamlog.storage.partition.PartitionRoutingException;
import dev.streamlog.storage.partition.TestStorage;
import dev.streamlog.storage.produce.Appender;
import dev.streamlog.storage.replica.FetchPosition;
import dev.streamlog.storage.replica.FetchedBatches;
import dev.streamlog.storage.replica.LeadershipChanges;
import dev.streamlog.storage.replica.PartitionFetch;
import dev.streamlog.storage.replica.ReplicaFetchAnswer;
import dev.streamlog.storage.replica.ReplicaFetchRequest;
import dev.streamlog.storage.replica.ReplicaFetchService;
import dev.streamlog.support.security.SignedRequests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.util.unit.DataSize;

/** The controllers and the error mapping, with the services mocked. */
@WebMvcTest(properties = "streamlog.cluster.secret=" + TestClusterSignature.SECRET)
@Import({StorageAnswers.class, PartitionAppendsAppender.class, ApiErrorMappingTest.Settings.class,
        SignedRequests.class})
class ApiErrorMappingTest {

    /** The node's settings, with a 1 KB append body cap. */
    @TestConfiguration
    static class Settings {
        @Bean
        StorageProperties storageProperties() {
            StorageProperties defaults = TestStorage.properties(1, Path.of("unused"), Duration.ofSeconds(30));
            return new StorageProperties(1, defaults.dataDir(), "127.0.0.1", null, defaults.engine(), defaults.read(),
                    defaults.replication(), new StorageProperties.Produce(Duration.ofSeconds(10),
                    DataSize.ofKilobytes(1)));
        }
    }

    private static final String RECORDS = "/internal/v1/partitions/{topic}/{partition}/records";
    private static final String OFFSETS = "/internal/v1/partitions/{topic}/{partition}/offsets";
    private static final RecordBatches ONE_BATCH = RecordBatches.encode(List.of(new AppendRecord(null,
            new byte[] {1, 2}, List.of(), 5)), 1 << 20);
    private static final String ONE_RECORD = """
            {"records":[{"key":"a2V5","value":"dmFsdWU=","headers":[{"key":"h","value":"AQ=="}],"timestamp":5}]}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Appender appender;

    @MockitoBean
    Reader reader;

    @MockitoBean
    ReplicaFetchService replicaFetches;

    @MockitoBean
    LeadershipChanges leadershipChanges;

    private ResultActions postRecords(String topic, Object partition, String body) throws Exception {
        return mvc.perform(post(RECORDS, topic, partition).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions getRecords(String query) throws Exception {
        return mvc.perform(get(RECORDS + "?" + query, "t", 0));
    }

    private static void expectError(ResultActions actions, ErrorCode code) throws Exception {
        actions.andExpect(status().is(code.httpStatus()))
                .andExpect(jsonPath("$.error_code").value(code.code()))
                .andExpect(jsonPath("$.message").isNotEmpty());
    }

    @Test
    void anAppendAnswersItsBaseOffsetAndEpoch() throws Exception {
        when(appender.append(eq("t"), eq(0), any(), eq(Acks.ALL))).thenReturn(CompletableFuture.completedFuture(new AppendResponse(42, 3)));
        postRecords("t", 0, ONE_RECORD).andExpect(status().isOk())
                .andExpect(jsonPath("$.base_offset").value(42))
                .andExpect(jsonPath("$.leader_epoch").value(3));
    }

    /** A read of one batch holding offsets 4 and 5 (keys "j" and "k", no values), asked for from offset 5. */
    private static LogRead readOfOneBatch(long highWatermark) {
        ByteBuffer batch = ByteBuffer.wrap(RecordBatches.encode(List.of(
                new AppendRecord("j".getBytes(StandardCharsets.UTF_8), null, List.of(), 98),
                new AppendRecord("k".getBytes(StandardCharsets.UTF_8), null, List.of(), 99)), 1 << 20).bytes());
        RecordBatch.of(batch).setBaseOffset(4);
        return new LogRead(highWatermark, 1, batch, 5, 1 << 20);
    }

    @Test
    void aReadAnswersAsynchronouslyWithExactlyTheRecordsAskedForAndBase64Bytes() throws Exception {
        CompletableFuture<LogRead> later = new CompletableFuture<>();
        when(reader.read("t", 0, 5, 100, 2000)).thenReturn(later);
        MvcResult started = mvc.perform(get(RECORDS + "?offset=5&max_bytes=100&timeout_ms=2000", "t", 0))
                .andExpect(request().asyncStarted()).andReturn();
        assertThat(started.getResponse().getContentAsString()).isEmpty();
        later.complete(readOfOneBatch(7));
        status().isOk().match(started);
        jsonPath("$.high_watermark").value(7).match(started);
        jsonPath("$.records.length()").value(1).match(started);
        jsonPath("$.records[0].offset").value(5).match(started);
        jsonPath("$.records[0].key").value("aw==").match(started);
        jsonPath("$.records[0].value").isEmpty().match(started);
    }

    @Test
    void aReadAskedForAsRecordBatchesGetsTheBatchesAsTheyLieInTheLogWithTheOffsetsInHeaders() throws Exception {
        LogRead read = readOfOneBatch(7);
        when(reader.read("t", 0, 5, null, 0)).thenReturn(CompletableFuture.completedFuture(read));
        mvc.perform(get(RECORDS + "?offset=5", "t", 0).header("Accept", RecordBatches.MEDIA_TYPE + ", application/json"))
                .andExpect(status().isOk())
                .andExpect(content().contentType(RecordBatches.MEDIA_TYPE))
                .andExpect(header().string(ReadResponse.HIGH_WATERMARK_HEADER, "7"))
                .andExpect(header().string(ReadResponse.LOG_START_OFFSET_HEADER, "1"))
                .andExpect(content().bytes(read.batches().array()));
    }

    @Test
    void aFollowerFetchAnswersEachPartitionsRawBatchesAndTheLeadersOffsetsInTheRequestsOrder() throws Exception {
        TopicPartition t0 = new TopicPartition("t", 0);
        TopicPartition t1 = new TopicPartition("t", 1);
        ReplicaFetchRequest fetch = new ReplicaFetchRequest(2, 500, 1000,
                List.of(new FetchPosition(t1, 4, 10), new FetchPosition(t0, 3, 0)));
        CompletableFuture<List<PartitionFetch>> later = new CompletableFuture<>();
        when(replicaFetches.fetch(fetch)).thenReturn(later);
        MvcResult started = mvc.perform(post("/internal/v1/replica-fetches")
                        .contentType(ReplicaFetchRequest.MEDIA_TYPE).content(fetch.encode()))
                .andExpect(request().asyncStarted()).andReturn();
        later.complete(List.of(PartitionFetch.of(t1, new FetchedBatches(9, 1, 12, ByteBuffer.wrap(new byte[] {1, 2, 3}))),
                PartitionFetch.failed(t0, 409, "fenced")));
        status().isOk().match(started);
        content().contentType(ReplicaFetchAnswer.MEDIA_TYPE).match(started);
        List<PartitionFetch> answers = ReplicaFetchAnswer.read(ByteBuffer.wrap(
                started.getResponse().getContentAsByteArray()));
        assertThat(answers).extracting(PartitionFetch::partition).containsExactly(t1, t0);
        FetchedBatches fetched = answers.get(0).fetched();
        assertThat(List.of(fetched.highWatermark(), fetched.logStartOffset(), fetched.logEndOffset()))
                .containsExactly(9L, 1L, 12L);
        assertThat(fetched.batches()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(answers.get(1)).extracting(PartitionFetch::status, PartitionFetch::error).containsExactly(409, "fenced");
    }

    @Test
    void aFollowerFetchThatDoesNotFrameIsABadRequest() throws Exception {
        mvc.perform(post("/internal/v1/replica-fetches").contentType(ReplicaFetchRequest.MEDIA_TYPE)
                        .content(new byte[] {0, 0, 0, 2, 0, 0}))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error_code").value(ErrorCode.BAD_REQUEST.code()))
                .andExpect(jsonPath("$.message").value(containsString("ends inside a field")));
    }

    @Test
    void aLongPollThatFailsLaterGetsTheErrorBody() throws Exception {
        CompletableFuture<LogRead> later = new CompletableFuture<>();
        when(reader.read(eq("t"), eq(0), anyLong(), isNull(), anyLong())).thenReturn(later);
        MvcResult started = getRecords("offset=0&timeout_ms=100").andExpect(request().asyncStarted()).andReturn();
        later.completeExceptionally(new LogClosedException("closing"));
        status().is(ErrorCode.RETRIABLE.httpStatus()).match(started);
        jsonPath("$.error_code").value(ErrorCode.RETRIABLE.code()).match(started);
        jsonPath("$.message").value("closing").match(started);
    }

    @Test
    void offsetsAnswerTheRange() throws Exception {
        when(reader.offsets("t", 1)).thenReturn(new PartitionOffsets(3, 9));
        mvc.perform(get(OFFSETS, "t", 1)).andExpect(status().isOk())
                .andExpect(jsonPath("$.beginning_offset").value(3))
                .andExpect(jsonPath("$.end_offset").value(9));
    }

    @Test
    void routingOutcomesKeepTheirCodes() throws Exception {
        for (ErrorCode code : List.of(ErrorCode.TOPIC_NOT_FOUND, ErrorCode.PARTITION_NOT_FOUND,
                ErrorCode.LEADER_NOT_AVAILABLE, ErrorCode.UNAVAILABLE)) {
            doThrow(new PartitionRoutingException(code, "because")).when(reader).offsets("t", 0);
            expectError(mvc.perform(get(OFFSETS, "t", 0)), code);
        }
    }

    @Test
    void notLeaderIs421WithTheLeader() throws Exception {
        when(appender.append(eq("t"), eq(0), any(), any())).thenThrow(new NotLeaderException(new TopicPartition("t", 0), 2));
        postRecords("t", 0, ONE_RECORD).andExpect(status().is(421))
                .andExpect(jsonPath("$.error_code").value(42101))
                .andExpect(jsonPath("$.leader_id").value(2));
    }

    @Test
    void aFailedLongPollIsMappedToo() throws Exception {
        when(reader.read(eq("t"), eq(0), anyLong(), isNull(), anyLong()))
                .thenReturn(CompletableFuture.failedFuture(new NotLeaderException(new TopicPartition("t", 0), null)));
        getRecords("offset=0&timeout_ms=100").andExpect(status().is(421))
                .andExpect(jsonPath("$.error_code").value(42101))
                .andExpect(jsonPath("$.leader_id").doesNotExist());
    }

    @Test
    void engineExceptionsHaveTheirCodes() throws Exception {
        List<Object[]> cases = List.of(
                new Object[]{new RecordTooLargeException(2000, 1000), ErrorCode.TOO_LARGE},
                new Object[]{new InvalidArgumentException("bad"), ErrorCode.BAD_REQUEST},
                new Object[]{new LogClosedException("closing"), ErrorCode.RETRIABLE},
                new Object[]{new NotEnoughReplicasException("isr 1 < 2"), ErrorCode.UNAVAILABLE},
                new Object[]{new ReplicationException("not committed in time"), ErrorCode.RETRIABLE},
                new Object[]{new LogStorageException("disk"), ErrorCode.UNAVAILABLE},
                new Object[]{new DataDirOfflineException("offline"), ErrorCode.UNAVAILABLE},
                new Object[]{new CorruptRecordException("crc"), ErrorCode.BAD_REQUEST});
        for (Object[] c : cases) {
            doThrow((RuntimeException) c[0]).when(appender).append(eq("t"), eq(0), any(), any());
            expectError(postRecords("t", 0, ONE_RECORD), (ErrorCode) c[1]);
        }
        when(reader.read(eq("t"), eq(0), anyLong(), any(), anyLong()))
                .thenThrow(new OffsetOutOfRangeException(9, 0, 4));
        expectError(getRecords("offset=9"), ErrorCode.OFFSET_OUT_OF_RANGE);
    }

    @Test
    void badParametersAre400AndReachNoService() throws Exception {
        for (String query : List.of("", "offset=", "offset=abc", "offset=-1", "offset=0&max_bytes=-5",
                "offset=0&max_bytes=1e3", "offset=0&timeout_ms=-1", "offset=99999999999999999999")) {
            expectError(mvc.perform(get(RECORDS + "?" + query, "t", 0)), ErrorCode.BAD_REQUEST);
        }
        expectError(mvc.perform(get(RECORDS + "?offset=0", "t", "x")), ErrorCode.BAD_REQUEST);
        expectError(mvc.perform(get(OFFSETS, "bad name", 0)), ErrorCode.BAD_REQUEST);
        expectError(mvc.perform(get(OFFSETS, "x".repeat(250), 0)), ErrorCode.BAD_REQUEST);
        expectError(postRecords("..", 0, ONE_RECORD), ErrorCode.BAD_REQUEST);
        verifyNoInteractions(reader, appender);
    }

    @Test
    void badBodiesAre400Or422Or415() throws Exception {
        expectError(postRecords("t", 0, "{not json"), ErrorCode.BAD_REQUEST);
        expectError(postRecords("t", 0, "{\"records\":[{\"key\":\"%%%\"}]}"), ErrorCode.UNPROCESSABLE_ENTITY);
        expectError(postRecords("t", 0, "{\"records\":[{\"timestamp\":\"soon\"}]}"), ErrorCode.UNPROCESSABLE_ENTITY);
        expectError(mvc.perform(post(RECORDS, "t", 0).contentType(MediaType.TEXT_PLAIN).content("hi")),
                ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        verifyNoInteractions(appender);
    }

    @Test
    void aBatchesAppendIsSplitIntoItsBatchesAndPassedOnAsTheyCame() throws Exception {
        AppendRecord record = new AppendRecord("k".getBytes(StandardCharsets.UTF_8), null,
                List.of(new RecordHeader("h", new byte[] {1})), 5);
        RecordBatches body = RecordBatches.encode(List.of(record, record, record), 80);
        when(appender.appendBatches(eq("t"), eq(0), any(), eq(Acks.LEADER)))
                .thenReturn(CompletableFuture.completedFuture(new AppendResponse(7, 2)));
        mvc.perform(post(RECORDS + "?acks=1", "t", 0).contentType(RecordBatches.MEDIA_TYPE).content(body.bytes()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.base_offset").value(7));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<ByteBuffer>> sent = ArgumentCaptor.forClass(List.class);
        verify(appender).appendBatches(eq("t"), eq(0), sent.capture(), eq(Acks.LEADER));
        assertThat(sent.getValue()).hasSizeGreaterThan(1);
        ByteBuffer all = ByteBuffer.allocate(body.bytes().length);
        sent.getValue().forEach(batch -> all.put(batch.duplicate()));
        assertThat(all.array()).isEqualTo(body.bytes());
    }

    @Test
    void appendsToSeveralPartitionsAnswerEachEntryAsItsOwnAppendWouldBe() throws Exception {
        when(appender.appendBatches(eq("t"), eq(0), any(), eq(Acks.ALL)))
                .thenReturn(CompletableFuture.completedFuture(new AppendResponse(7, 2)));
        when(appender.appendBatches(eq("t"), eq(1), any(), eq(Acks.ALL)))
                .thenThrow(new NotLeaderException(new TopicPartition("t", 1), 3));
        when(appender.appendBatches(eq("u"), eq(0), any(), eq(Acks.ALL)))
                .thenReturn(CompletableFuture.failedFuture(new NotEnoughReplicasException("one in sync")));
        byte[] body = PartitionAppends.encode(List.of(entry("t", 0), entry("t", 1), entry("u", 0)));

        byte[] answer = mvc.perform(post("/internal/v1/appends").contentType(PartitionAppends.MEDIA_TYPE)
                        .content(body)).andExpect(status().isOk())
                .andExpect(content().contentType(AppendOutcomes.MEDIA_TYPE))
                .andReturn().getResponse().getContentAsByteArray();

        List<AppendOutcomes.Outcome> outcomes = AppendOutcomes.decode(ByteBuffer.wrap(answer));
        assertThat(outcomes).extracting(AppendOutcomes.Outcome::status).containsExactly(200, 421, 503);
        assertThat(new String(outcomes.get(0).body(), StandardCharsets.UTF_8)).contains("\"base_offset\":7");
        assertThat(new String(outcomes.get(1).body(), StandardCharsets.UTF_8)).contains("\"leader_id\":3");
        assertThat(new String(outcomes.get(2).body(), StandardCharsets.UTF_8)).contains("50311");
        expectError(mvc.perform(post("/internal/v1/appends").contentType(PartitionAppends.MEDIA_TYPE)
                .content(new byte[] {0, 0, 0, 2})), ErrorCode.BAD_REQUEST);
    }

    private static PartitionAppends.Append entry(String topic, int partition) {
        return new PartitionAppends.Append(new TopicPartition(topic, partition), ByteBuffer.wrap(ONE_BATCH.bytes()));
    }

    @Test
    void aMalformedBatchesAppendIs400AndALargerOneThanTheCapIs413Unread() throws Exception {
        byte[] truncated = Arrays.copyOf(ONE_BATCH.bytes(), 20);
        expectError(mvc.perform(post(RECORDS, "t", 0).contentType(RecordBatches.MEDIA_TYPE).content(truncated)),
                ErrorCode.BAD_REQUEST);
        expectError(mvc.perform(post(RECORDS, "t", 0).contentType(RecordBatches.MEDIA_TYPE).content(new byte[0])),
                ErrorCode.BAD_REQUEST);
        AppendRecord big = new AppendRecord(null, new byte[2000], List.of(), 5);
        expectError(mvc.perform(post(RECORDS, "t", 0).contentType(RecordBatches.MEDIA_TYPE)
                .content(RecordBatches.encode(List.of(big), 1 << 20).bytes())), ErrorCode.TOO_LARGE);
        verifyNoInteractions(appender);
    }

    @Test
    void unknownRoutesAndMethodsHaveCodes() throws Exception {
        expectError(mvc.perform(get("/internal/v1/nothing")), ErrorCode.NOT_FOUND);
        expectError(mvc.perform(delete(RECORDS, "t", 0)), ErrorCode.METHOD_NOT_ALLOWED);
    }

    @Test
    void unexpectedFailuresAre500WithoutDetails() throws Exception {
        when(reader.offsets(eq("t"), anyInt())).thenThrow(new IllegalStateException("secret internals"));
        mvc.perform(get(OFFSETS, "t", 0)).andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.error_code").value(ErrorCode.INTERNAL_ERROR.code()))
                .andExpect(jsonPath("$.message").value("internal error: IllegalStateException"));
    }

    @Test
    void aLeaderAndIsrPushWithoutTopicOrStateIs422AndAnOlderControllerIs409() throws Exception {
        expectError(mvc.perform(post("/internal/v1/leader-and-isr").contentType(MediaType.APPLICATION_JSON)
                .content("{\"controller_epoch\":1,\"partitions\":[{\"partition\":0}]}")),
                ErrorCode.UNPROCESSABLE_ENTITY);
        verifyNoInteractions(leadershipChanges);
        doThrow(new FencedException("controller epoch 1 is older than epoch 2")).when(leadershipChanges)
                .apply(any(LeaderAndIsrRequest.class));
        expectError(mvc.perform(post("/internal/v1/leader-and-isr").contentType(MediaType.APPLICATION_JSON)
                .content("{\"controller_epoch\":1,\"partitions\":[]}")), ErrorCode.FENCED);
    }
}
