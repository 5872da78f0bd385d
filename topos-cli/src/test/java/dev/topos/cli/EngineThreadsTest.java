package dev.topos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EngineThreadsTest {
  @Test
  void theModelCommandsGetOneThreadUnlessTheUserChose() {
    for (String command : new String[] {"retopo", "demo", "eval", "bench"}) {
      assertEquals("1", EngineThreads.settingFor(new String[] {command, "x"}, null), command);
      assertNull(EngineThreads.settingFor(new String[] {command}, "2"), command); // the user's setting stands
    }
    assertNull(EngineThreads.settingFor(new String[] {"train", "vae"}, null)); // training keeps the engine's default
    assertNull(EngineThreads.settingFor(new String[] {"synth"}, null));
    assertNull(EngineThreads.settingFor(new String[0], null));
  }
}
