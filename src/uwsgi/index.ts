/**
 * The uwsgi wire protocol, shared by the two roles that speak it: the
 * proxy encodes request packets (as nginx's `uwsgi_pass` does) and the
 * pool decodes them (as uWSGI does). Neither role owns it, so neither
 * imports the other to use it. The rest of caplab imports the codec only
 * through this module.
 */
export {
  encodeRequest,
  decodeRequest,
  decodeHeader,
  decodeVars,
  UwsgiPacketError,
  MAX_VARS_SIZE,
  HEADER_SIZE,
  type UwsgiRequest,
  type UwsgiRequestHeader,
} from './codec.js';
export { encodeUwsgiPacket } from './encode-uwsgi-packet.js';
