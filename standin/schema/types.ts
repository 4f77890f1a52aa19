/**
 * The schema model the stand-in providers serve: Terraform's own shape (plugin protocol 6
 * `Schema.Block`), kept as plain data so it can be cached as JSON and overlaid with facts.
 */

/** A cty type constraint in its JSON form, as the protocol's `Schema.Attribute.type` carries it. */
export type CtyType =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | readonly ['list' | 'set' | 'map', CtyType]
  | readonly ['object', { readonly [name: string]: CtyType }]
  | readonly ['tuple', readonly CtyType[]];

export interface AttributeSchema {
  type: CtyType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
  deprecated?: boolean;
  writeOnly?: boolean;
  /** Not sent to Terraform: the warning the provider gives when a configuration sets it. */
  deprecationMessage?: string;
  /** Not sent to Terraform: a change to it replaces the object (SDKv2 ForceNew). */
  forceNew?: boolean;
  /** Not sent to Terraform: the value the provider plans when the configuration leaves it null. */
  default?: string | number | boolean;
  /** Not sent to Terraform: the values the provider's validation accepts (StringInSlice). */
  allowedValues?: string[];
  /** Not sent to Terraform: the inclusive bounds its validation accepts (IntBetween, IntAtLeast). */
  range?: [number, number | null];
  /** Not sent to Terraform: SDKv2's argument relations, by the argument paths the facts give. */
  relations?: { conflictsWith?: string[]; exactlyOneOf?: string[]; atLeastOneOf?: string[]; requiredWith?: string[] };
}

export type Nesting = 'single' | 'list' | 'set' | 'map' | 'group';

export interface NestedBlockSchema {
  nesting: Nesting;
  block: BlockSchema;
  minItems?: number;
  maxItems?: number;
  /** Not sent to Terraform: any change to the block replaces the object. */
  forceNew?: boolean;
}

export interface BlockSchema {
  attributes: Record<string, AttributeSchema>;
  blocks: Record<string, NestedBlockSchema>;
  deprecated?: boolean;
}

export interface TypeSchema {
  version: number;
  block: BlockSchema;
}

/** Everything one provider serves. */
export interface ProviderSchema {
  /** Registry name, e.g. `azurerm`. */
  name: string;
  /** The provider version whose schema this is (the declared one once facts are applied). */
  version: string;
  provider: TypeSchema;
  resources: Record<string, TypeSchema>;
  dataSources: Record<string, TypeSchema>;
}

/** The value type of a block: an object of its attributes and nested blocks. */
export function impliedType(block: BlockSchema): CtyType {
  const attrs: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes)) attrs[name] = a.type;
  for (const [name, b] of Object.entries(block.blocks)) {
    const inner = impliedType(b.block);
    switch (b.nesting) {
      case 'single':
      case 'group':
        attrs[name] = inner;
        break;
      case 'list':
      case 'set':
      case 'map':
        attrs[name] = [b.nesting, inner];
        break;
    }
  }
  return ['object', attrs];
}
