package dev.topos.render;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs independent tasks 0..n-1; callers make each task write disjoint outputs so results never depend on threads. */
final class Parallel {
  private Parallel() {}

  static void forEach(int n, int threads, IntConsumer task) {
    if (threads == 1 || n <= 1) {
      for (int i = 0; i < n; i++) {
        task.accept(i);
      }
    } else if (threads == 0) {
      IntStream.range(0, n).parallel().forEach(task);
    } else {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        pool.submit(() -> IntStream.range(0, n).parallel().forEach(task)).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while rendering", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      } finally {
        pool.shutdown();
      }
    }
  }
}
