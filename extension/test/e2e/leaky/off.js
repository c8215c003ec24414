// Leaks from the offscreen document and from a Worker it starts.
fetch('https://leak.example/from-offscreen').catch(() => {});
new Worker('w.js');
