/** English resources; the shape every other language must match (checked by the type of zh-CN). */
export const en = {
  app: {
    name: 'Banca Insight',
    tagline: 'Bancassurance campaign analytics',
  },
  language: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  nav: {
    label: 'Main navigation',
    overview: 'Overview',
  },
  session: {
    signedInAs: 'Signed in as {{name}}',
    logout: 'Sign out',
    loggingOut: 'Signing out…',
    checking: 'Checking your session…',
  },
  roles: {
    admin: 'Administrator',
    marketing: 'Marketing',
    manager: 'Manager',
    compliance: 'Compliance',
  },
  login: {
    title: 'Sign in',
    intro: 'Use the account your administrator created for you.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    failed: 'Sign-in failed',
    refused: 'Unknown username or wrong password.',
  },
  panel: {
    loading: 'Loading…',
    refreshing: 'Updating…',
    empty: 'Nothing to show yet.',
    errorTitle: 'This could not be loaded',
    requestId: 'Request ID',
    errorId: 'Error ID',
    retry: 'Try again',
  },
  errors: {
    UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
    FORBIDDEN: 'Your role does not give access to this.',
    NOT_FOUND: 'It was not found.',
    NETWORK: 'The server could not be reached. Check your connection and try again.',
    INVALID_RESPONSE: 'The server answered in an unexpected format.',
    RATE_LIMITED: 'Too many attempts. Please wait a minute and try again.',
    unknown: 'Something went wrong on the server.',
  },
  notFound: {
    title: 'Page not found',
    body: 'There is no page at this address.',
    home: 'Go to the start page',
  },
  forbidden: {
    title: 'Not available for your role',
    body: 'Ask an administrator if you need access to this page.',
  },
  tiers: {
    hnw: 'High-net-worth',
    middle: 'Middle-income',
    basic: 'Basic',
  },
  overview: {
    title: 'Overview',
    intro: 'Customers by tier across the partners’ shared data.',
    filters: {
      label: 'Filters',
      region: 'Region',
      allRegions: 'All regions',
    },
    kpi: {
      totalCustomers: 'Customers',
      ruleVersion: 'Tier rule version',
      ruleVersionValue: 'v{{version}}',
      computedAt: 'Tiers computed',
      notComputed: 'Not yet',
    },
    tierChart: {
      title: 'Customers by tier',
      description: 'Number of customers in each tier; each customer is in exactly one tier.',
      tier: 'Tier',
      series: 'Customers',
      share: 'Share',
    },
    empty: 'No customers are tiered yet. Load partner customer data to see the tiers.',
    emptyRegion: 'No tiered customers in this region.',
  },
};

export type Translation = typeof en;
