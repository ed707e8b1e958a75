package app.rapport.recall;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import app.rapport.DataDirectory;

/** The Lucene index under {@code <data>/index}: one document per stored message. */
@Component
public class MessageIndex {

    private static final Logger log = LoggerFactory.getLogger(MessageIndex.class);

    static final String ID = "id";
    static final String CONVERSATION = "conversation";
    static final String CUSTOMER = "customer";
    static final String FROM = "from";
    static final String TO = "to";
    static final String SUBJECT = "subject";
    static final String BODY = "body";
    static final String DATE = "date";
    static final String FROM_SHOWN = "from_shown";

    private final Analyzer analyzer = new Words();
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private boolean rebuiltAfterDamage;

    public MessageIndex(DataDirectory data) {
        Path dir = data.resolve("index");
        FSDirectory opened = null;
        IndexWriter openedWriter = null;
        SearcherManager openedSearchers = null;
        try {
            opened = FSDirectory.open(dir);
            try {
                openedWriter = newWriter(opened);
                openedSearchers = new SearcherManager(openedWriter, null);
            } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException
                     | EOFException | NoSuchFileException | FileNotFoundException e) {
                // The index is derived from the database: a damaged one is thrown away and rebuilt at start.
                log.warn("The search index in {} is damaged ({}); it is emptied and rebuilt from the stored messages",
                        dir, e.getMessage());
                closeQuietly(openedWriter);
                for (String file : opened.listAll()) {
                    opened.deleteFile(file);
                }
                rebuiltAfterDamage = true;
                openedWriter = newWriter(opened);
                openedSearchers = new SearcherManager(openedWriter, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
        directory = opened;
        writer = openedWriter;
        searchers = openedSearchers;
    }

    private IndexWriter newWriter(FSDirectory dir) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        // Fewer, larger segments while importing: each flush of a small one costs a pass over its terms.
        config.setRAMBufferSizeMB(48);
        // Segment files are kept as they are written, not copied once more into one compound file.
        config.setUseCompoundFile(false);
        if (config.getMergePolicy() instanceof org.apache.lucene.index.TieredMergePolicy tiered) {
            tiered.setNoCFSRatio(0.0);
        }
        return new IndexWriter(dir, config);
    }

    private static void closeQuietly(IndexWriter w) {
        if (w != null) {
            try {
                w.rollback();
            } catch (IOException | RuntimeException ignored) {
                // the damaged index is deleted next; nothing of it is worth keeping
            }
        }
    }

    /** Whether the index was found damaged at start and emptied; the start-up check then fills it again. */
    boolean rebuiltAfterDamage() {
        return rebuiltAfterDamage;
    }

    /**
     * What is indexed of one message.
     *
     * @param parentStored whether the message it answers is stored: its {@linkplain QuotedLines quoted lines} are
     *                     then left out of the body's terms (the parent's document holds them)
     */
    public record Entry(long messageId, long conversationId, Long customerId, String fromAddress, String fromName,
                        List<String> to, String subject, String body, Instant date, boolean parentStored) {

        /** The same entry once the message it answers is stored. */
        Entry withParentStored() {
            return new Entry(messageId, conversationId, customerId, fromAddress, fromName, to, subject, body, date,
                    true);
        }
    }

    /** Adds or replaces the message's document and makes it searchable. */
    public void put(Entry e) {
        write(e);
        commit();
    }

    /** Adds or replaces the message's document; searchable after the next {@link #commit()}. */
    void write(Entry e) {
        try {
            writer.updateDocument(new Term(ID, Long.toString(e.messageId())), document(e));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot index message " + e.messageId(), ex);
        }
    }

    /**
     * Adds or replaces many documents without committing, for imports: call {@link #commit()} when a batch of
     * batches is done, so the index is written once per many messages instead of once per message.
     */
    public void putAll(List<Entry> entries) {
        try {
            for (Entry e : entries) {
                writer.updateDocument(new Term(ID, Long.toString(e.messageId())), document(e));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot index " + entries.size() + " messages", ex);
        }
    }

    /**
     * Adds the documents of messages just stored, whose ids the index cannot hold yet (ids are never given twice),
     * without committing: cheaper than {@link #putAll}, which first looks for an earlier document of each id.
     */
    public void addAll(List<Entry> entries) {
        try {
            for (Entry e : entries) {
                writer.addDocument(document(e));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot index " + entries.size() + " messages", ex);
        }
    }

    /** A feed of batches of messages just stored, indexed on a thread of its own (see {@link IndexFeed}). */
    public IndexFeed feed(String threadName, java.util.function.LongConsumer nanosSpent) {
        return new IndexFeed(this, threadName, nanosSpent);
    }

    /** Makes everything added so far searchable, without making it durable (see {@link #commit()}). */
    public void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index again", e);
        }
    }

    /** Makes everything added so far durable and searchable. */
    public void commit() {
        try {
            writer.commit();
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the search index", e);
        }
    }

    /** Removes the documents of these messages (ones the database no longer has). */
    void delete(Collection<Long> messageIds) {
        try {
            for (long id : messageIds) {
                writer.deleteDocuments(new Term(ID, Long.toString(id)));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot remove messages from the search index", ex);
        }
        commit();
    }

    /** The ids of every message the index holds. */
    Set<Long> messageIds() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                Set<Long> ids = new HashSet<>();
                Set<String> fields = Set.of(ID);
                for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                    Bits live = leaf.reader().getLiveDocs();
                    StoredFields stored = leaf.reader().storedFields();
                    for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                        if (live == null || live.get(doc)) {
                            ids.add(Long.parseLong(stored.document(doc, fields).get(ID)));
                        }
                    }
                }
                return ids;
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the search index could not be read", e);
        }
    }

    private static Document document(Entry e) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(e.messageId()), Field.Store.YES));
        doc.add(new StringField(CONVERSATION, Long.toString(e.conversationId()), Field.Store.YES));
        if (e.customerId() != null) {
            doc.add(new StringField(CUSTOMER, Long.toString(e.customerId()), Field.Store.YES));
        }
        doc.add(new TextField(FROM, addressTerms(e.fromName(), e.fromAddress()), Field.Store.NO));
        doc.add(new StoredField(FROM_SHOWN, e.fromName() != null && !e.fromName().isBlank() ? e.fromName()
                : e.fromAddress() == null ? "" : e.fromAddress()));
        doc.add(new TextField(TO, addressTerms(null, String.join(" ", e.to())), Field.Store.NO));
        doc.add(new TextField(SUBJECT, e.subject() == null ? "" : e.subject(), Field.Store.YES));
        // Indexed, not stored: the database keeps every body, and the few a result page shows are read from there
        // (storing them again here cost an import a twentieth of its time, compressing them).
        String body = e.body() == null ? "" : e.parentStored() ? QuotedLines.without(e.body()) : e.body();
        doc.add(new TextField(BODY, body, Field.Store.NO));
        long millis = e.date().toEpochMilli();
        doc.add(new LongPoint(DATE, millis));
        doc.add(new NumericDocValuesField(DATE, millis));
        doc.add(new StoredField(DATE, millis));
        return doc;
    }

    /** Removes every document, for a rebuild. */
    public void clear() {
        try {
            writer.deleteAll();
            writer.commit();
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the search index", e);
        }
    }

    public long size() {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How much of a body is searched for a snippet: more would make a page of results slow on long mail. */
    static final int HIGHLIGHTED_CHARS = 20_000;

    /** The beginnings of messages' text bodies, by id, read from where they are stored (the database). */
    interface Bodies {
        java.util.Map<Long, String> of(Collection<Long> messageIds, int maxChars);
    }

    /** Runs the query; returns the best hit per conversation, up to {@code limit} conversations. */
    SearchResults search(String text, Query query, int limit, boolean newestFirst, Bodies bodies) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                int window = Math.max(limit * 5, 50);
                TopDocs top = newestFirst
                        ? searcher.search(query, window, new org.apache.lucene.search.Sort(
                                new org.apache.lucene.search.SortField(DATE, org.apache.lucene.search.SortField.Type.LONG, true)))
                        : searcher.search(query, window);
                List<ScoreDoc> best = bestPerConversation(searcher, top, limit);
                List<Document> docs = documents(searcher, best);
                List<String> texts = bodiesOf(docs, bodies, HIGHLIGHTED_CHARS);
                List<SearchHit> hits = new ArrayList<>(docs.size());
                UnifiedHighlighter highlighter = highlighter();
                for (int i = 0; i < docs.size(); i++) {
                    Document d = docs.get(i);
                    hits.add(new SearchHit(idOf(d), Long.parseLong(d.get(CONVERSATION)), d.get(SUBJECT),
                            d.get(FROM_SHOWN), Instant.ofEpochMilli(d.getField(DATE).numericValue().longValue()),
                            snippet(highlighter, query, texts.get(i))));
                }
                return new SearchResults(text, hits, top.totalHits.value(), null);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the search index could not be read", e);
        }
    }

    /**
     * Past messages that read like {@code text} (Lucene's MoreLikeThis over subject and body, ranked by BM25),
     * leaving out the conversation at hand. With {@code customers} given, only their messages
     * ({@code sameCustomers}) or only other people's messages.
     */
    List<SimilarMessage> similar(String text, long exceptConversation, java.util.Collection<Long> customers,
                                 boolean sameCustomers, int limit, Bodies bodies) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                org.apache.lucene.queries.mlt.MoreLikeThis mlt =
                        new org.apache.lucene.queries.mlt.MoreLikeThis(searcher.getIndexReader());
                mlt.setAnalyzer(analyzer);
                mlt.setFieldNames(new String[] {SUBJECT, BODY});
                mlt.setMinTermFreq(1);
                mlt.setMinDocFreq(1);
                mlt.setMinWordLen(3);
                mlt.setMaxQueryTerms(25);
                mlt.setStopWords(org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                Query like = mlt.like(BODY, new java.io.StringReader(text == null ? "" : text));
                var query = new org.apache.lucene.search.BooleanQuery.Builder()
                        .add(like, org.apache.lucene.search.BooleanClause.Occur.MUST)
                        .add(new org.apache.lucene.search.TermQuery(new Term(CONVERSATION, Long.toString(exceptConversation))),
                                org.apache.lucene.search.BooleanClause.Occur.MUST_NOT);
                Query ofCustomers = customerQuery(customers);
                if (ofCustomers != null) {
                    query.add(ofCustomers, sameCustomers ? org.apache.lucene.search.BooleanClause.Occur.FILTER
                            : org.apache.lucene.search.BooleanClause.Occur.MUST_NOT);
                }
                TopDocs top = searcher.search(query.build(), limit * 4);
                List<ScoreDoc> best = bestPerConversation(searcher, top, limit);
                List<Document> docs = documents(searcher, best);
                // a preview shows 200 characters with runs of white space closed up
                List<String> texts = bodiesOf(docs, bodies, 1_000);
                List<SimilarMessage> out = new ArrayList<>(docs.size());
                for (int i = 0; i < docs.size(); i++) {
                    Document d = docs.get(i);
                    out.add(new SimilarMessage(idOf(d), Long.parseLong(d.get(CONVERSATION)), d.get(SUBJECT),
                            d.get(FROM_SHOWN), Instant.ofEpochMilli(d.getField(DATE).numericValue().longValue()),
                            abbreviate(texts.get(i), 200), best.get(i).score));
                }
                return out;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the search index could not be read", e);
        }
    }

    /** Matches the messages of any of these customer ids, or null when there are none. */
    static Query customerQuery(java.util.Collection<Long> customers) {
        if (customers == null || customers.isEmpty()) {
            return null;
        }
        return new org.apache.lucene.search.TermInSetQuery(CUSTOMER,
                customers.stream().map(id -> new org.apache.lucene.util.BytesRef(Long.toString(id))).toList());
    }

    /**
     * The first hit of each conversation, in the order of {@code top}, up to {@code limit} conversations; reads only
     * the conversation of each hit, and no further once {@code limit} are found.
     */
    private static List<ScoreDoc> bestPerConversation(IndexSearcher searcher, TopDocs top, int limit)
            throws IOException {
        List<ScoreDoc> best = new ArrayList<>();
        Set<String> conversations = new HashSet<>();
        var stored = searcher.storedFields();
        for (ScoreDoc sd : top.scoreDocs) {
            if (best.size() == limit) {
                break;
            }
            Document d = stored.document(sd.doc, Set.of(CONVERSATION));
            if (conversations.add(d.get(CONVERSATION))) {
                best.add(sd);
            }
        }
        return best;
    }

    private static List<Document> documents(IndexSearcher searcher, List<ScoreDoc> hits) throws IOException {
        var stored = searcher.storedFields();
        List<Document> docs = new ArrayList<>(hits.size());
        for (ScoreDoc sd : hits) {
            docs.add(stored.document(sd.doc));
        }
        return docs;
    }

    /** The text bodies of these documents' messages, in their order ("" where the database has none). */
    private static List<String> bodiesOf(List<Document> docs, Bodies bodies, int maxChars) {
        java.util.Map<Long, String> texts = bodies.of(docs.stream().map(MessageIndex::idOf).toList(), maxChars);
        return docs.stream().map(d -> texts.getOrDefault(idOf(d), "")).toList();
    }

    private static long idOf(Document d) {
        return Long.parseLong(d.get(ID));
    }

    private UnifiedHighlighter highlighter() {
        return UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(HIGHLIGHTED_CHARS)
                .build();
    }

    /** The body's best two passages with the query's words marked, or its beginning when no word is in it. */
    private static String snippet(UnifiedHighlighter highlighter, Query query, String body) throws IOException {
        Object marked = highlighter.highlightWithoutSearcher(BODY, query, body, 2);
        return marked != null ? marked.toString() : escape(abbreviate(body, 200));
    }

    private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private static String addressTerms(String name, String addresses) {
        String a = addresses == null ? "" : addresses;
        // "anna.keller@posteo.example" is one token to the analyzer; add its parts so from:anna finds it.
        return (name == null ? "" : name) + " " + a + " " + NOT_WORD.matcher(a).replaceAll(" ");
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = SPACES.matcher(s).replaceAll(" ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * The standard analyzer's tokens, lower-cased, without its stop-word filter: that filter, with the empty list
     * it has by default, removed nothing and still looked every token up.
     */
    static final class Words extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            org.apache.lucene.analysis.standard.StandardTokenizer source =
                    new org.apache.lucene.analysis.standard.StandardTokenizer();
            return new TokenStreamComponents(source, new org.apache.lucene.analysis.LowerCaseFilter(source));
        }

        @Override
        protected org.apache.lucene.analysis.TokenStream normalize(String field,
                                                                    org.apache.lucene.analysis.TokenStream in) {
            return new org.apache.lucene.analysis.LowerCaseFilter(in);
        }
    }

    Analyzer analyzer() {
        return analyzer;
    }

    @PreDestroy
    void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            log.warn("Closing the search index failed: {}", e.getMessage());
        }
    }

}
