// Original file: proto/berth/objects/v1/objects.proto


export interface StatefulSetOrdinals {
  'start'?: (number);
  '_start'?: "start";
}

export interface StatefulSetOrdinals__Output {
  'start'?: (number);
  '_start'?: "start";
}
