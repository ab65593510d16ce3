// lib/imaging: bytes in, bytes out. No file system and no tfjs, so it runs in Web Workers and Node.
export {
  allocate,
  bytesPerSample,
  createVolume,
  dtypeOf,
  hyperstackChannel,
  normalizeUnit,
  stackChannels,
  type CreateVolumeOptions,
  type Dtype,
  type DtypeArrays,
  type DtypeOf,
  type Hyperstack,
  type Spacing,
  type Volume,
  type VolumeData,
} from './volume';
export { decodeTiff, DEFAULT_MAX_DECODED_BYTES, type DecodedTiff, type DecodeTiffOptions } from './decode-tiff';
export { toSingleChannelVolume, type ToSingleChannelVolumeOptions } from './to-single-channel-volume';
export { toHyperstack } from './to-hyperstack';
export { encodeTiff, RCAN_CHANNEL_NAMES, type EncodeTiffOptions } from './encode-tiff';
export { CLASSIC_TIFF_MAX_BYTES } from './write-classic-tiff';
export { parseImagejDescription, type ImagejMetadata } from './parse-imagej-description';
export { parseOmeXml, type OmeMetadata } from './parse-ome-xml';
export { decodePng, type DecodePngOptions } from './decode-png';
export { decodeImage, sniffImageFormat, type ImageFormat } from './decode-image';
export { percentile, percentiles, percentilesFromOrderStatistics } from './percentile';
export { minMaxNormalize, normalizeWith, percentileNormalize, rescaleToTarget, toBitDepth, type BitDepth } from './normalize';
export { createTiffStream, type TiffStream, type TiffStreamOptions } from './tiff-stream';
export { createHyperstackTiffStream, encodeTiffStream, type EncodedTiffStream, type HyperstackLayout, type HyperstackTiffStream } from './encode-tiff';
export { decodeBigTiff, isBigTiff } from './decode-bigtiff';
export { assertFiniteVolume, countNonFinite, nonFiniteError, type NonFiniteCount } from './check-finite';
export { openTiffPlanes, NotStreamableError, type RandomAccessSource, type TiffPlaneInfo, type TiffPlaneReader } from './tiff-planes';
export { streamingPercentiles, type PlaneSource, type StreamingPercentilesOptions } from './streaming-percentiles';
