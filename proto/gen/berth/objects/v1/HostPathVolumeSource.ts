// Original file: proto/berth/objects/v1/objects.proto


export interface HostPathVolumeSource {
  'path'?: (string);
  /**
   * "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice
   */
  'type'?: (string);
  '_path'?: "path";
  '_type'?: "type";
}

export interface HostPathVolumeSource__Output {
  'path'?: (string);
  /**
   * "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice
   */
  'type'?: (string);
  '_path'?: "path";
  '_type'?: "type";
}
