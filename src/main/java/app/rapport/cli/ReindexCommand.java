package app.rapport.cli;

import java.io.PrintStream;
import java.util.List;

import org.springframework.stereotype.Component;

import app.rapport.recall.MessageIndexer;

/** {@code reindex}: rebuilds the Lucene index from the stored messages. */
@Component
class ReindexCommand implements Command {

    private final MessageIndexer indexer;

    ReindexCommand(MessageIndexer indexer) {
        this.indexer = indexer;
    }

    @Override
    public String name() {
        return "reindex";
    }

    @Override
    public String summary() {
        return "rebuild the search index from the stored messages";
    }

    @Override
    public String usage() {
        return """
                Usage: reindex

                Deletes the search index and builds it again from the stored messages and conversations.
                Nothing else changes; run it when search seems to miss mail.""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        ProgressBar bar = ProgressBar.on(out, "messages");
        int n = indexer.rebuild((MessageIndexer.Progress) bar::update);
        bar.finish("indexed " + n + " messages");
        return 0;
    }
}
