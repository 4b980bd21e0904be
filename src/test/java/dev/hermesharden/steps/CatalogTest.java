package dev.hermesharden.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.checks.common.UnitActiveCheck;
import dev.hermesharden.testing.StepChecks;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The standard catalog: discovered modules, and nothing registered that no step file uses. */
class CatalogTest {
  private final Catalog catalog = Catalog.standard();

  @Test
  void everyKindAndConditionIsUsedByAStepFile() {
    Set<String> kinds = new TreeSet<>();
    Set<String> conditions = new TreeSet<>();
    for (StepDefinition d : StepChecks.steps()) {
      for (CheckRef c : d.checks()) {
        kinds.add(c.kind());
        c.appliesWhen().ifPresent(a -> conditions.add(a.condition()));
      }
    }
    assertEquals(new TreeSet<>(catalog.kindIds()), kinds, "kinds registered = kinds used");
    assertEquals(new TreeSet<>(catalog.conditionIds()), conditions);
  }

  @Test
  void aKindServesSeveralChecksWithTheirOwnParams() {
    List<CheckRef> secret =
        StepChecks.steps().stream()
            .flatMap(d -> d.checks().stream())
            .filter(c -> c.kind().equals("sshd-secret-login"))
            .toList();
    assertEquals(
        List.of("sshd.password-authentication", "sshd.kbd-interactive"),
        secret.stream().map(CheckRef::id).toList());
    assertEquals(
        List.of("password", "keyboard-interactive"),
        secret.stream().map(c -> c.params().string("method")).toList());
    assertTrue(catalog.check(secret.get(0)).isPresent());
  }

  @Test
  void aKindRegisteredTwiceIsAProgrammingError() {
    assertThrows(
        IllegalStateException.class,
        () ->
            Catalog.of(
                List.of(b -> b.kind("k", new UnitActiveCheck()).kind("k", new UnitActiveCheck()))));
  }
}
