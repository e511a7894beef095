// Names and products for demo data: enough variety to look real in lists and searches.

export const FIRST_NAMES = ['ada', 'alan', 'grace', 'linus', 'margaret', 'dennis', 'barbara', 'ken', 'frances', 'edsger', 'radia', 'tim', 'hedy', 'john', 'katherine', 'guido', 'anita', 'bjarne', 'shafi', 'donald'] as const;
export const LAST_NAMES = ['lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'ritchie', 'liskov', 'thompson', 'allen', 'dijkstra', 'perlman', 'berners-lee', 'lamarr', 'backus', 'johnson', 'rossum', 'borg', 'stroustrup', 'goldwasser', 'knuth'] as const;
export const SUPPORT_AGENTS = ['support:maria', 'support:ken', 'support:ola'] as const;
export const SOURCES = ['web', 'ios', 'android'] as const;
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'] as const;
export const MERCHANTS = ['Corner Grocer', 'Metro Rail', 'City Power', 'Bookworm', 'Cloud Hosting Ltd', 'Cafe Nero', 'Pharmacy Plus'] as const;
export const CLOSE_REASONS = ['customer request', 'moved abroad', 'account consolidation', 'fraud suspicion'] as const;
export const COUNTER_NAMES = ['page-views', 'signups', 'api-calls', 'logins', 'downloads', 'support-tickets', 'failed-payments'] as const;

const ADJECTIVES = ['Classic', 'Organic', 'Wireless', 'Compact', 'Deluxe', 'Eco', 'Smart', 'Vintage', 'Ultra', 'Handmade'];
const NOUNS = ['Coffee Beans', 'Headphones', 'Notebook', 'Desk Lamp', 'Backpack', 'Tea Set', 'Keyboard', 'Water Bottle', 'Sneakers', 'Olive Oil', 'Phone Case', 'Bike Light'];

export interface Product {
  sku: string;
  name: string;
  unitPrice: number;
}

/** 120 products with stable skus and prices in cents. */
export const PRODUCTS: readonly Product[] = ADJECTIVES.flatMap((adjective, a) =>
  NOUNS.map((noun, n) => ({
    sku: `SKU-${String(a * NOUNS.length + n + 1).padStart(4, '0')}`,
    name: `${adjective} ${noun}`,
    unitPrice: 199 + ((a * 37 + n * 53) % 80) * 125,
  })),
);
