// A sleep its owner can cut short (a follower being closed wakes its retry loop at once).

/** Sleeps `ms`; `setWake` receives the function that ends the sleep early. */
export function wakeableSleep(ms: number, setWake: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      resolve();
    }
    setWake(done);
  });
}
