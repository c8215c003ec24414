fetch('https://extension-page.leak.example/from-extension-page').catch(() => {});
