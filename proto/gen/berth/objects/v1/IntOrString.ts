// Original file: proto/berth/objects/v1/objects.proto


/**
 * An integer or a string, like Kubernetes' IntOrString (targetPort: 8080 or targetPort: http;
 * maxSurge: 1 or maxSurge: "25%"). In JSON it is the bare number or string.
 */
export interface IntOrString {
  'intVal'?: (number);
  'strVal'?: (string);
  'value'?: "intVal"|"strVal";
}

/**
 * An integer or a string, like Kubernetes' IntOrString (targetPort: 8080 or targetPort: http;
 * maxSurge: 1 or maxSurge: "25%"). In JSON it is the bare number or string.
 */
export interface IntOrString__Output {
  'intVal'?: (number);
  'strVal'?: (string);
  'value'?: "intVal"|"strVal";
}
