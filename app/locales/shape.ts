/** The English texts have exactly the Danish keys (checked by tsc). */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
