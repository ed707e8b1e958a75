package app.rapport.recall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PreDestroy;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
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

    private final Analyzer analyzer = new StandardAnalyzer();
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    public MessageIndex(DataDirectory data) {
        Path dir = data.resolve("index");
        try {
            directory = FSDirectory.open(dir);
            IndexWriterConfig config = new IndexWriterConfig(analyzer);
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    /** What is indexed of one message. */
    public record Entry(long messageId, long conversationId, Long customerId, String fromAddress, String fromName,
                        List<String> to, String subject, String body, Instant date) {
    }

    /** Adds or replaces the message's document and makes it searchable. */
    public void put(Entry e) {
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
        doc.add(new TextField(BODY, e.body() == null ? "" : e.body(), Field.Store.YES));
        long millis = e.date().toEpochMilli();
        doc.add(new LongPoint(DATE, millis));
        doc.add(new NumericDocValuesField(DATE, millis));
        doc.add(new StoredField(DATE, millis));
        try {
            writer.updateDocument(new Term(ID, Long.toString(e.messageId())), doc);
            writer.commit();
            searchers.maybeRefresh();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot index message " + e.messageId(), ex);
        }
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

    /** Runs the query; returns the best hit per conversation, up to {@code limit} conversations. */
    SearchResults search(String text, Query query, int limit) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(query, Math.max(limit * 5, 50));
                List<ScoreDoc> best = new ArrayList<>();
                Set<String> conversations = new LinkedHashSet<>();
                var stored = searcher.storedFields();
                for (ScoreDoc sd : top.scoreDocs) {
                    if (conversations.add(stored.document(sd.doc).get(CONVERSATION)) && best.size() < limit) {
                        best.add(sd);
                    }
                }
                int[] docIds = best.stream().mapToInt(sd -> sd.doc).toArray();
                String[] snippets = snippets(searcher, query, docIds);
                List<SearchHit> hits = new ArrayList<>();
                for (int i = 0; i < docIds.length; i++) {
                    Document d = stored.document(docIds[i]);
                    String snippet = snippets[i] != null ? snippets[i] : escape(abbreviate(d.get(BODY), 200));
                    hits.add(new SearchHit(Long.parseLong(d.get(ID)), Long.parseLong(d.get(CONVERSATION)),
                            d.get(SUBJECT), d.get(FROM_SHOWN),
                            Instant.ofEpochMilli(d.getField(DATE).numericValue().longValue()), snippet));
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
                                 boolean sameCustomers, int limit) {
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
                List<SimilarMessage> out = new ArrayList<>();
                Set<String> conversations = new LinkedHashSet<>();
                var stored = searcher.storedFields();
                for (ScoreDoc sd : top.scoreDocs) {
                    Document d = stored.document(sd.doc);
                    if (out.size() < limit && conversations.add(d.get(CONVERSATION))) {
                        out.add(new SimilarMessage(Long.parseLong(d.get(ID)), Long.parseLong(d.get(CONVERSATION)),
                                d.get(SUBJECT), d.get(FROM_SHOWN),
                                Instant.ofEpochMilli(d.getField(DATE).numericValue().longValue()),
                                abbreviate(d.get(BODY), 200), sd.score));
                    }
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

    private String[] snippets(IndexSearcher searcher, Query query, int[] docIds) throws IOException {
        if (docIds.length == 0) {
            return new String[0];
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(20_000)
                .build();
        TopDocs docs = new TopDocs(new org.apache.lucene.search.TotalHits(docIds.length,
                org.apache.lucene.search.TotalHits.Relation.EQUAL_TO),
                java.util.Arrays.stream(docIds).mapToObj(id -> new ScoreDoc(id, 1f)).toArray(ScoreDoc[]::new));
        return highlighter.highlight(BODY, query, docs, 2);
    }

    private static String addressTerms(String name, String addresses) {
        String a = addresses == null ? "" : addresses;
        // "anna.keller@posteo.example" is one token to the analyzer; add its parts so from:anna finds it.
        return (name == null ? "" : name) + " " + a + " " + a.replaceAll("[^\\p{L}\\p{N}]+", " ");
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
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
