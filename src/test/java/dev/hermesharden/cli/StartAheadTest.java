package dev.hermesharden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermesharden.i18n.Messages;
import dev.hermesharden.steps.Catalog;
import dev.hermesharden.steps.StepDefinition;
import dev.hermesharden.steps.StepFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A command's start loads the catalog and step files ahead; help and the version do not. */
class StartAheadTest {
  @Test
  void theWizardsStartGetsTheSameValidatedStepFilesAsLoadingThemThere() throws Exception {
    StartAhead.Work w = StartAhead.begin(new String[] {"--practice", "--lang", "de"}).get().get();
    List<StepDefinition> there = StepFiles.loadPackaged(Catalog.standard(), Messages.english());
    assertEquals(ids(there), ids(w.steps()));
    assertEquals(there.get(0).checks(), w.steps().get(0).checks());
    assertTrue(w.catalog().fix(there.get(0).fixes().get(0).id()).isPresent());
  }

  @Test
  void aSubCommandGetsTheStepFilesToo() throws Exception {
    StartAhead.Work w = StartAhead.begin(new String[] {"audit", "--practice"}).get().get();
    assertEquals(StepFiles.packagedSources().size(), w.steps().size());
  }

  @Test
  void helpAndVersionBeginNothing() {
    assertTrue(StartAhead.begin(new String[] {"--version"}).isEmpty());
    assertTrue(StartAhead.begin(new String[] {"audit", "-h"}).isEmpty());
    assertTrue(StartAhead.begin(new String[] {"--help"}).isEmpty());
  }

  private static List<String> ids(List<StepDefinition> steps) {
    return steps.stream().map(StepDefinition::id).toList();
  }
}
