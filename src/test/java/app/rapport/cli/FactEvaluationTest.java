package app.rapport.cli;

import org.junit.jupiter.api.Test;

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
}
