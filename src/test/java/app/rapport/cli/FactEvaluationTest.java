package app.rapport.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.rapport.customers.FactKind;

import static org.assertj.core.api.Assertions.assertThat;

class FactEvaluationTest {

    @Test
    void aFoundFactMatchesALabelWithTheSameWords() {
        assertThat(FactEvaluation.same("two new Ettus N310", "N310")).isTrue();
        assertThat(FactEvaluation.same("few LP0965 Antennas", "LP0965 antennas")).isTrue();
        assertThat(FactEvaluation.same("firmware crashed as stopped working", "firmware crashed and stopped working")).isTrue();
        assertThat(FactEvaluation.same("Überlingen, Lake Constance", "Überlingen")).isTrue();
    }

    @Test
    void aFoundFactWithOtherWordsIsWrong() {
        assertThat(FactEvaluation.same("X310", "N310")).isFalse();
        assertThat(FactEvaluation.same("signal chain broke", "broken 1PPS cable")).isFalse();
        assertThat(FactEvaluation.same("daughter Mia", "son Mia")).isFalse();
    }

    @Test
    void severalLabelledSetsArePrintedSideBySidePerKind() {
        Map<FactKind, FactEvaluation.Tally> tuning = new EnumMap<>(FactKind.class);
        tuning.put(FactKind.PRODUCT, new FactEvaluation.Tally(10, 9, 40, 10));
        Map<FactKind, FactEvaluation.Tally> heldOut = new EnumMap<>(FactKind.class);
        heldOut.put(FactKind.PROBLEM, new FactEvaluation.Tally(4, 3, 20, 3));
        Map<String, FactEvaluation.Result> sets = new LinkedHashMap<>();
        sets.put("tuning", new FactEvaluation.Result(152, tuning, tuning.get(FactKind.PRODUCT), List.of()));
        sets.put("held-out", new FactEvaluation.Result(160, heldOut, heldOut.get(FactKind.PROBLEM), List.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        FactEvaluation.print(sets, new PrintStream(out, true, StandardCharsets.UTF_8), false);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).contains("tuning (152 messages)", "held-out (160 messages)");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("PRODUCT").contains("0.90", "0.25"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("PROBLEM").contains("0.75", "0.15"));
        assertThat(lines.getLast()).startsWith("all").contains("0.90", "0.75");
    }
}
