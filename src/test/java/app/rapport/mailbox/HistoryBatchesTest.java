package app.rapport.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class HistoryBatchesTest {

    private static List<UidFetcher.Entry> newestFirst(int n) {
        return LongStream.rangeClosed(1, n).map(uid -> n + 1 - uid).mapToObj(uid -> new UidFetcher.Entry(uid, 1_000))
                .toList();
    }

    private static List<Integer> sizes(List<List<UidFetcher.Entry>> batches) {
        return batches.stream().map(List::size).toList();
    }

    @Test
    void theFirstBatchesStartSmallAndDoubleUpToTheConfiguredSizeAndTheLastHalveDownAgain() {
        List<List<UidFetcher.Entry>> batches = FolderReader.historyBatches(newestFirst(1_000), 250);

        assertThat(sizes(batches)).containsExactly(25, 50, 100, 200, 250, 200, 100, 50, 25);
    }

    @Test
    void everyMessageIsInExactlyOneBatchAndTheOrderIsKept() {
        List<UidFetcher.Entry> entries = newestFirst(777);

        List<UidFetcher.Entry> joined = new ArrayList<>();
        FolderReader.historyBatches(entries, 100).forEach(joined::addAll);

        assertThat(joined).isEqualTo(entries);
    }

    @Test
    void aConfiguredSizeBelowTheFirstBatchIsKeptFromTheStart() {
        assertThat(sizes(FolderReader.historyBatches(newestFirst(50), 20))).containsExactly(20, 20, 10);
        assertThat(FolderReader.historyBatches(List.of(), 250)).isEmpty();
    }
}
