// Original file: proto/berth/objects/v1/objects.proto


export interface NodeSystemInfo {
  'machineId'?: (string);
  'systemUuid'?: (string);
  'bootId'?: (string);
  'kernelVersion'?: (string);
  'osImage'?: (string);
  'containerRuntimeVersion'?: (string);
  'kubeletVersion'?: (string);
  'kubeProxyVersion'?: (string);
  'operatingSystem'?: (string);
  'architecture'?: (string);
  '_machineId'?: "machineId";
  '_systemUuid'?: "systemUuid";
  '_bootId'?: "bootId";
  '_kernelVersion'?: "kernelVersion";
  '_osImage'?: "osImage";
  '_containerRuntimeVersion'?: "containerRuntimeVersion";
  '_kubeletVersion'?: "kubeletVersion";
  '_kubeProxyVersion'?: "kubeProxyVersion";
  '_operatingSystem'?: "operatingSystem";
  '_architecture'?: "architecture";
}

export interface NodeSystemInfo__Output {
  'machineId'?: (string);
  'systemUuid'?: (string);
  'bootId'?: (string);
  'kernelVersion'?: (string);
  'osImage'?: (string);
  'containerRuntimeVersion'?: (string);
  'kubeletVersion'?: (string);
  'kubeProxyVersion'?: (string);
  'operatingSystem'?: (string);
  'architecture'?: (string);
  '_machineId'?: "machineId";
  '_systemUuid'?: "systemUuid";
  '_bootId'?: "bootId";
  '_kernelVersion'?: "kernelVersion";
  '_osImage'?: "osImage";
  '_containerRuntimeVersion'?: "containerRuntimeVersion";
  '_kubeletVersion'?: "kubeletVersion";
  '_kubeProxyVersion'?: "kubeProxyVersion";
  '_operatingSystem'?: "operatingSystem";
  '_architecture'?: "architecture";
}
